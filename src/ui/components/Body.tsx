// The area between header and footer: the current view, or the open dialog in its place (the dialog owns the
// keyboard while it is shown; the views' handlers are inactive).
import { Box } from 'ink';
import type { Keymap } from '../../keymap/resolve.js';
import type { TimelineEvent } from '../../model/events.js';
import type { TrendReader } from '../../store/trends.js';
import type { StoreState } from '../../store/types.js';
import type { ListGeometry } from '../handlers/main-handlers.js';
import type { ActionFlow } from '../hooks/useActionFlow.js';
import type { AgeTicks } from '../hooks/useAgeTicks.js';
import type { FlashFn } from '../hooks/useFlash.js';
import type { FleetRows } from '../hooks/useFleetRows.js';
import type { Layout } from '../layout.js';
import type { CliState } from '../state/cli-state.js';
import type { UiState } from '../state/ui-state.js';
import { isStatsView } from '../state/views.js';
import { CliView } from '../panels/cli/CliView.js';
import { DetailPane } from '../panels/stats/DetailPane.js';
import { EventsView } from '../panels/events/EventsView.js';
import { HelpView } from '../views/HelpView.js';
import { StatsView } from '../panels/stats/StatsView.js';
import type { Line } from './ScrollText.js';
import { PreviewDialog } from './PreviewDialog.js';
import { ReportDialog } from './ReportDialog.js';

export interface BodyProps {
  ui: UiState;
  layout: Layout;
  data: FleetRows;
  table: ListGeometry;
  events: readonly TimelineEvent[];
  eventList: ListGeometry;
  help: readonly Line[];
  helpTop: number;
  cli: CliState;
  store: StoreState;
  now: number;
  flow: ActionFlow;
  keymap: Keymap;
  flash: FlashFn;
  /** LB-DRIFT lines and their list geometry (computed only while view 0 is shown). */
  /** Bumped when a quiet poll moved only the ages on screen: the table redraws alone (useAgeTicks.ts). */
  ageTicks?: AgeTicks;
  /** Each row's recent polls (the sparkline columns). */
  trends?: TrendReader;
  /** Lines of the open detail pane under the table (0: closed). */
  detailHeight?: number;
}

function content(p: BodyProps) {
  const { ui, layout, flow } = p;
  const message = (text: string, level: 'info' | 'error') => p.flash(text, level);
  const d = flow.dialog;
  if (d && (d.kind === 'preview' || d.kind === 'sending')) {
    const typed = d.kind === 'preview' ? d.typed : '';
    return (
      <PreviewDialog plan={d.plan} typed={typed} sending={d.kind === 'sending'} height={layout.body} keymap={p.keymap}
        onConfirm={(how) => flow.confirm(how)} onSkipUnreachable={flow.skipUnreachable} onCancel={() => { flow.close(); p.flash('cancelled: nothing was sent', 'info'); }}
        onType={flow.type} onMessage={message} staleLbs={p.data.lbs.filter((l) => l.stale).map((l) => l.name)} />
    );
  }
  if (d && (d.kind === 'report' || d.kind === 'rolling-back')) {
    return (
      <ReportDialog report={d.report} rollingBack={d.kind === 'rolling-back'} height={layout.body} keymap={p.keymap}
        onRollback={flow.rollback} onClose={flow.close} onMessage={message} />
    );
  }
  if (isStatsView(ui.view)) {
    const table = (
      <StatsView view={ui.view} rows={p.data.rows} lbs={p.data.lbs} width={layout.width} height={p.table.height}
        selected={p.table.index} top={p.table.top} changedCells={p.store.changedCells} now={p.now} filtered={ui.filters.table !== ''}
        ageTicks={p.ageTicks} trends={p.trends} sort={ui.sort} />
    );
    if (!p.detailHeight) return table;
    return (
      <>
        {table}
        <DetailPane row={p.data.rows[p.table.index]} trends={p.trends} events={p.store.events} width={layout.width} height={p.detailHeight} />
      </>
    );
  }
  if (ui.view === 'events') {
    return <EventsView events={p.events} width={layout.width} height={p.eventList.height} selected={p.eventList.index} top={p.eventList.top} filtered={ui.filters.events !== ''} />;
  }
  if (ui.view === 'cli') return <CliView cli={p.cli} height={layout.body} readOnly={p.keymap.readOnly} />;
  return <HelpView lines={p.help} height={layout.body} top={p.helpTop} />;
}

export function Body(p: BodyProps) {
  return (
    <Box flexDirection="column" height={p.layout.body} overflow="hidden">
      {content(p)}
    </Box>
  );
}
