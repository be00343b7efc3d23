// Views 1–4 (STATUS, TRAFFIC, HTTP, ERRORS): the fleet table with the view's column set (src/ui/columns/) and,
// on Enter, the selected row's detail pane under it. The rows, their selection, filter and sort live in the App's
// state (PanelProps.shell): the `/` and `:` prompts and the panels opened from a row work on them too, and the
// selection survives a switch to another view and back.
import { Box } from 'ink';
import { useLayoutEffect } from 'react';
import { agesOnScreen } from '../../columns/index.js';
import { useReadFocus } from '../../hooks/useReadFocus.js';
import { positionText } from '../../state/chrome.js';
import { listGeometry } from '../../state/list-geometry.js';
import type { StatsViewId } from '../../state/views.js';
import type { PanelProps } from '../types.js';
import { usePanelKeys } from '../usePanelKeys.js';
import { DetailPane } from './DetailPane.js';
import { statsHeights } from './stats-geometry.js';
import { statsKeys } from './stats-keys.js';
import { StatsView } from './StatsView.js';

export function StatsPanel(props: PanelProps) {
  const { shell, services, width, height, setPosition } = props;
  const { ui, rows: data } = shell;
  const view = ui.view as StatsViewId;
  const heights = statsHeights(height, ui.detail, data.lbs.length);
  const table = listGeometry(ui.lists.table, data.rows.length, heights.list, (i) => data.rows[i]?.key, data.indexOf);
  const row = data.rows[table.index];
  // Read by App when it opens a panel from here (SESSIONS of the selected server, …).
  shell.selected.current = row ?? null;
  // The ages on screen, which a poll that changed nothing else still moves (useStore.ts): nothing to move once gone.
  const onScreen = data.rows.slice(table.top, table.top + table.height);
  const moving = { lbs: data.lbs, trends: services.store.trends };
  shell.screenText.current = { drawn: agesOnScreen(view, onScreen, moving), now: () => agesOnScreen(view, onScreen, moving), ticks: shell.ageTicks };
  const screenText = shell.screenText;
  useLayoutEffect(() => () => void (screenText.current = null), [screenText]);
  useReadFocus(services.focus, data.rows, table.top, table.height);
  const position = positionText('row', table.index, data.rows.length);
  useLayoutEffect(() => setPosition(position), [setPosition, position]);
  usePanelKeys(props, ui.detail ? 'detail' : 'table', statsKeys(props, table, row));
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <StatsView view={view} rows={data.rows} lbs={data.lbs} width={width} height={table.height}
        selected={table.index} top={table.top} changedCells={shell.store.changedCells} now={props.now} filtered={ui.filters.table !== ''}
        ageTicks={shell.ageTicks} trends={services.store.trends} sort={ui.sort} />
      {heights.detail > 0 ? <DetailPane row={row} trends={services.store.trends} events={shell.store.events} width={width} height={heights.detail} /> : null}
    </Box>
  );
}
