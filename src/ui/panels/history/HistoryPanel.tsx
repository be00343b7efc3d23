// HISTORY (H): what lbtop changed, newest first, from the audit log. Enter shows an action's commands and its
// outcome on each LB; u plans its undo (the recorded way back, re-planned against the fleet on screen) and hands
// it to the one write dialog: preview, y, apply, verify, report, rollback. Read-only removes u (bindings.ts).
import { Box, Text } from 'ink';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { positionText } from '../../state/chrome.js';
import type { HistoryEntry } from '../../../actions/history.js';
import { ScrollText } from '../../components/ScrollText.js';
import { WindowedTable } from '../../components/WindowedTable.js';
import { tokenProps, useTheme } from '../../theme-context.js';
import type { PanelProps } from '../types.js';
import { useListNav } from '../useListNav.js';
import { usePanelKeys } from '../usePanelKeys.js';
import { detailLines, headerText, outcomeToken, rowText } from './history-lines.js';
import { useHistory } from './useHistory.js';

export function HistoryPanel(p: PanelProps) {
  const theme = useTheme();
  const history = useHistory(p.services.history);
  const { entries, problems } = history;
  const problemLines = problems.length > 0 ? 1 : 0;
  const listHeight = Math.max(1, p.height - 1 - problemLines);
  const nav = useListNav(entries.length, listHeight);
  // The cursor stays on its action when new ones arrive on top: `u` must never act on an action that slid under it.
  const last = useRef<{ entries: readonly HistoryEntry[]; id?: string }>({ entries });
  const kept = last.current.entries !== entries && last.current.id !== undefined ? entries.findIndex((e) => e.id === last.current.id) : -1;
  const index = kept >= 0 ? kept : nav.index;
  useEffect(() => {
    if (kept >= 0 && kept !== nav.index) nav.select(kept);
  });
  useEffect(() => {
    last.current = { entries, id: entries[index]?.id };
  });
  // The detail follows the action by id, so an action appended above it does not change what is shown.
  const [detail, setDetail] = useState<{ id: string; top: number } | null>(null);
  const entry = detail ? entries.find((e) => e.id === detail.id) : entries[index];
  const { setPosition } = p;
  const position = positionText('action', index, entries.length);
  useLayoutEffect(() => setPosition(position), [setPosition, position]);
  const lines = useMemo(() => (detail && entry ? detailLines(entry) : []), [detail, entry]);
  const scroll = (by: number) => () => setDetail((d) => (d ? { ...d, top: Math.max(0, Math.min(Math.max(0, lines.length - p.height), d.top + by)) } : d));

  usePanelKeys(p, 'history', {
    ...(detail
      ? { 'nav.down': scroll(1), 'nav.up': scroll(-1), 'nav.pageDown': scroll(p.height - 1), 'nav.pageUp': scroll(1 - p.height), 'nav.home': scroll(-lines.length), 'nav.end': scroll(lines.length) }
      : nav.handlers),
    'history.detail': {
      disabled: () => (entry ? null : 'no action in the audit log yet'),
      run: () => setDetail(detail ? null : { id: entry!.id, top: 0 }),
    },
    'history.back': () => setDetail(null),
    'history.undo': {
      disabled: () => (!p.services.history ? 'HISTORY is not available here' : entry ? null : 'no action selected'),
      run: () => {
        const undo = p.services.history!.planUndo(entry!, p.fleet);
        if (!undo.offered) return p.flash(undo.reason, 'error');
        if (undo.plan.commands.length === 0 && (undo.plan.unreachable ?? []).length === 0) return p.flash(`${undo.plan.title}: ${undo.plan.warnings.join('; ')}`, 'error');
        p.preview(undo.plan);
      },
    },
  });

  if (detail && entry) return <ScrollText lines={lines} height={p.height} top={detail.top} />;
  return (
    <Box flexDirection="column" height={p.height} overflow="hidden">
      <WindowedTable
        rows={entries}
        height={listHeight}
        top={nav.top}
        selected={index}
        header={<Text wrap="truncate" {...tokenProps(theme, 'table.header')}>{headerText(p.width)}</Text>}
        empty="no action in the audit log yet: what lbtop changes appears here, newest first"
        renderRow={(e, _i, selected) => (
          <Text wrap="truncate" {...tokenProps(theme, selected ? 'row.selected' : outcomeToken(e))}>{rowText(e, p.width)}</Text>
        )}
      />
      {problemLines ? <Text wrap="truncate" {...tokenProps(theme, 'text.dim')}>! {problems.join('; ')}</Text> : null}
    </Box>
  );
}
