// Every panel lbtop has, by view id. App.tsx renders the one shown and binds `view.<id>` to open it; a view key
// whose panel is not here says so in the flash line.
import type { PanelId } from '../state/views.js';
import { CapturesPanel } from './captures/CapturesPanel.js';
import { LbDriftPanel } from './lbdrift/LbDriftPanel.js';
import { SessionsPanel } from './sessions/SessionsPanel.js';
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
