// Three lines: title (version, clusters, read-only, scope), LB health (ok / stale with age and error / down,
// version, poll latency), view tabs with filter and position.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { LbHealth } from '../../model/fleet.js';
import type { Token } from '../../theme/tokens.js';
import { healthItems } from '../rows/fleet-health.js';
import type { healthLabel } from '../rows/health.js';
import { VIEWS, type ViewId } from '../state/views.js';
import { tokenProps, useTheme } from '../theme-context.js';

export interface HeaderProps {
  version: string;
  clusters: readonly string[];
  lbs: readonly LbHealth[];
  readOnly: boolean;
  scope: string | null;
  view: ViewId;
  filter: string;
  expanded: boolean;
  /** The view's position ("row 12/10101"), drawn after the tabs (Position.tsx). */
  position: ReactNode;
  now: number;
  /** A warning of the routing editor for the title line ("DRIFT 3 vs disk"). */
  marker?: string;
}

const HEALTH_TOKEN: Record<ReturnType<typeof healthLabel>, Token> = {
  ok: 'header.ok',
  stale: 'header.stale',
  down: 'header.down',
  connecting: 'header.label',
};


export function Header(p: HeaderProps) {
  const theme = useTheme();
  const t = (token: Token) => tokenProps(theme, token);
  return (
    <Box flexDirection="column" height={3}>
      <Text wrap="truncate">
        <Text {...t('header.title')}>lbtop {p.version}</Text>
        {p.readOnly ? <Text {...t('header.readonly')}> READ-ONLY </Text> : null}
        {p.marker ? <Text {...t('header.stale')}> {p.marker} </Text> : null}
        <Text {...t('header.label')}> clusters </Text>
        <Text {...t('text')}>{p.clusters.join(' ') || '(none)'}</Text>
        <Text {...t('header.label')}> │ actions on </Text>
        <Text {...t('text')}>{p.scope === null ? 'all LBs having the backend' : `${p.scope} only`}</Text>
      </Text>
      <Text wrap="truncate">
        <Text {...t('header.label')}>LBs </Text>
        {healthItems(p.lbs, p.now).map((item, i) => (
          <Text key={i}>
            {i > 0 ? <Text {...t('header.label')}> │ </Text> : null}
            <Text {...t(HEALTH_TOKEN[item.label])}>{item.text}</Text>
          </Text>
        ))}
      </Text>
      <Text wrap="truncate">
        {/* Letter-key views (V-VIPS, B-BGP) take a tab only while shown: the row must keep room for the position. */}
        {VIEWS.filter((v) => v.keyLabel === undefined || v.id === p.view).map((v) => (
          <Text key={v.id} {...t(p.view === v.id ? 'tab.active' : 'tab.inactive')}>
            {` ${v.keyLabel ?? v.number}-${v.title} `}
          </Text>
        ))}
        {p.view === 'help' ? <Text {...t('tab.active')}> ?-HELP </Text> : null}
        <Text {...t('header.label')}>{p.position}</Text>
        {p.filter ? <Text {...t('prompt')}>{`  filter: ${p.filter}`}</Text> : null}
        {p.expanded ? <Text {...t('header.label')}>  per-LB rows</Text> : null}
      </Text>
    </Box>
  );
}
