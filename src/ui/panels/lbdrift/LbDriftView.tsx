// 0-LB-DRIFT: every disagreement between LBs that serve the same backend (admin state, weight, missing servers,
// check status) and between HAProxy versions. Empty is good news, and says so. The count stays on top; the
// lines below are a list with the same cursor and scrolling as the fleet table (↑/↓, PgUp/PgDn, Home/End).
import { Box, Text } from 'ink';
import type { Fleet } from '../../../model/fleet.js';
import { lbDriftColumns } from '../../../present/columns/lb-drift.js';
import { fitColumns, rowLine } from '../../../present/table.js';
import { fleetDrift } from '../../../store/fleet-drift.js';
import { plain, ScrollText, type Line } from '../../components/ScrollText.js';
import { tokenProps, useTheme } from '../../theme-context.js';

export interface DriftLines {
  title: Line;
  lines: Line[];
  /** One key per line, so the cursor follows its line when a refresh adds or removes lines above it. */
  keys: string[];
}

const COLUMNS = fitColumns(lbDriftColumns, Infinity);

export function driftLines(fleet: Fleet): DriftLines {
  const items = fleetDrift(fleet);
  if (items.length === 0) {
    return { title: plain('no drift: every LB serving a backend agrees on its servers (admin, weight, checks, presence) and versions', 'header.ok'), lines: [], keys: [] };
  }
  const lines: Line[] = [];
  const keys: string[] = [];
  let cluster: string | null = null;
  for (const item of items) {
    if (item.cluster !== cluster) {
      cluster = item.cluster;
      lines.push(plain(cluster ? `${cluster}` : 'fleet', 'header.label'));
      keys.push(`cluster\0${cluster ?? ''}`);
    }
    lines.push(rowLine(COLUMNS, item));
    keys.push(`${cluster ?? ''}\0${item.kind}\0${item.text}`);
  }
  return { title: plain(`${items.length} disagreement(s) between LBs`, 'header.stale'), lines, keys };
}

export interface LbDriftViewProps {
  drift: DriftLines;
  /** Rows for the list (the body minus the title line). */
  height: number;
  selected: number;
  top: number;
}

export function LbDriftView({ drift, height, selected, top }: LbDriftViewProps) {
  const theme = useTheme();
  const visible = drift.lines.slice(top, top + height);
  return (
    <Box flexDirection="column">
      <ScrollText lines={[drift.title]} height={1} top={0} />
      <Box flexDirection="column" height={height} overflow="hidden">
        {visible.map((line, i) => (
          <Text key={top + i} wrap="truncate" {...(top + i === selected ? tokenProps(theme, 'row.selected') : {})}>
            {line.map((s, j) => (
              <Text key={j} {...(s.token && top + i !== selected ? tokenProps(theme, s.token) : {})}>
                {s.text}
              </Text>
            ))}
          </Text>
        ))}
      </Box>
    </Box>
  );
}
