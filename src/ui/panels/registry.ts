// Every panel lbtop has, by view id. App.tsx renders the one shown (panelFor) and binds `view.<id>` to open it; a
// view key whose panel is not here says so in the flash line. PANELS holds the letter-key panels (a test may take
// one out); CORE the views that share what outlives a view (PanelProps.shell).
import type { UiState } from '../state/ui-state.js';
import type { PanelId, ViewId } from '../state/views.js';
import type { Scope } from '../../keymap/bindings.js';
import { FailoverPanel } from '../failover/FailoverPanel.js';
import { MapsPanel } from '../maps/MapsPanel.js';
import { CapturesPanel } from './captures/CapturesPanel.js';
import { CliPanel } from './cli/CliPanel.js';
import { EventsPanel } from './events/EventsPanel.js';
import { HelpPanel } from './help/HelpPanel.js';
import { LbDriftPanel } from './lbdrift/LbDriftPanel.js';
import { SessionsPanel } from './sessions/SessionsPanel.js';
import { StatsPanel } from './stats/StatsPanel.js';
import type { PanelDef } from './types.js';
import { HistoryPanel } from './history/HistoryPanel.js';
import { NodesPanel } from './nodes/NodesPanel.js';
import { OutputPanel } from './output/OutputPanel.js';
import { TablesPanel } from './tables/TablesPanel.js';

export const PANELS: Partial<Record<PanelId, PanelDef>> = {
  lbdrift: { id: 'lbdrift', scope: 'lbdrift', Component: LbDriftPanel },
  sessions: { id: 'sessions', scope: 'sessions', Component: SessionsPanel },
  captures: { id: 'captures', scope: 'captures', Component: CapturesPanel },
  tables: { id: 'tables', scope: 'tables', Component: TablesPanel },
  history: { id: 'history', scope: 'history', Component: HistoryPanel },
  nodes: { id: 'nodes', scope: 'nodes', Component: NodesPanel },
  output: { id: 'output', scope: 'output', Component: OutputPanel },
};

// Views 1–4 are one panel with the view's column set; Enter opens its detail pane, whose keys are a scope of their own.
const stats = (id: ViewId): PanelDef => ({ id, scope: (ui) => (ui.detail ? 'detail' : 'table'), Component: StatsPanel });
const CORE: Partial<Record<ViewId, PanelDef>> = {
  status: stats('status'),
  traffic: stats('traffic'),
  http: stats('http'),
  errors: stats('errors'),
  cli: { id: 'cli', scope: 'cli', Component: CliPanel },
  events: { id: 'events', scope: 'events', Component: EventsPanel },
  help: { id: 'help', scope: 'help', Component: HelpPanel },
  // Their folders are ui/maps and ui/failover (hooks, handlers, lines, body and their own dialogs).
  maps: { id: 'maps', scope: 'maps', Component: MapsPanel },
  drift: { id: 'drift', scope: 'maps', Component: MapsPanel },
  certs: { id: 'certs', scope: 'maps', Component: MapsPanel },
  trace: { id: 'trace', scope: 'maps', Component: MapsPanel },
  vips: { id: 'vips', scope: 'failover', Component: FailoverPanel },
  bgp: { id: 'bgp', scope: 'failover', Component: FailoverPanel },
};

export function panelFor(view: ViewId): PanelDef | undefined {
  return CORE[view] ?? PANELS[view as PanelId];
}

/** The keymap scope of a panel's keys in the App's state now. */
export function panelScope(panel: PanelDef, ui: UiState): Scope {
  return typeof panel.scope === 'function' ? panel.scope(ui) : panel.scope;
}
