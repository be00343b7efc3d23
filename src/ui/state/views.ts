// The views, numbered as in hatop (1–5) plus EVENTS; HELP is an overlay outside the TAB cycle.

export type StatsViewId = 'status' | 'traffic' | 'http' | 'errors';
/** The letter-key views under src/ui/panels (registry.ts's PANELS); every view is a panel, these are the ones a test may take out. */
export const PANEL_IDS = ['lbdrift', 'sessions', 'captures', 'tables', 'history', 'nodes', 'output'] as const;
export type PanelId = (typeof PANEL_IDS)[number];
export type ViewId = StatsViewId | 'cli' | 'events' | 'help' | 'maps' | 'drift' | 'certs' | 'trace' | 'vips' | 'bgp' | PanelId;

export interface ViewDef {
  id: Exclude<ViewId, 'help' | 'trace'>;
  number: number;
  title: string;
  command: string;
  /** False: reached by its number only, not by TAB (the map editor's views read the LBs' files when entered). */
  inCycle?: false;
  /** Shown in the tab instead of the number, for views on a letter key (V-VIPS, B-BGP). */
  keyLabel?: string;
}

export const VIEWS: readonly ViewDef[] = [
  { id: 'status', number: 1, title: 'STATUS', command: 'view.status' },
  { id: 'traffic', number: 2, title: 'TRAFFIC', command: 'view.traffic' },
  { id: 'http', number: 3, title: 'HTTP', command: 'view.http' },
  { id: 'errors', number: 4, title: 'ERRORS', command: 'view.errors' },
  { id: 'cli', number: 5, title: 'CLI', command: 'view.cli' },
  { id: 'events', number: 6, title: 'EVENTS', command: 'view.events' },
  { id: 'maps', number: 7, title: 'MAPS', command: 'view.maps', inCycle: false },
  { id: 'drift', number: 8, title: 'DRIFT', command: 'view.drift', inCycle: false },
  { id: 'certs', number: 9, title: 'CERTS', command: 'view.certs', inCycle: false },
  { id: 'lbdrift', number: 0, title: 'LB-DRIFT', command: 'view.lbdrift', inCycle: false },
  { id: 'vips', number: -1, keyLabel: 'V', title: 'VIPS', command: 'view.vips', inCycle: false },
  { id: 'bgp', number: -1, keyLabel: 'B', title: 'BGP', command: 'view.bgp', inCycle: false },
  { id: 'sessions', number: -1, keyLabel: 's', title: 'SESSIONS', command: 'view.sessions', inCycle: false },
  { id: 'captures', number: -1, keyLabel: 'X', title: 'CAPTURES', command: 'view.captures', inCycle: false },
  { id: 'tables', number: -1, keyLabel: 'T', title: 'TABLES', command: 'view.tables', inCycle: false },
  { id: 'history', number: -1, keyLabel: 'H', title: 'HISTORY', command: 'view.history', inCycle: false },
  { id: 'nodes', number: -1, keyLabel: 'K', title: 'NODES', command: 'view.nodes', inCycle: false },
  { id: 'output', number: -1, keyLabel: '!', title: 'OUTPUT', command: 'view.output', inCycle: false },
];

export function isStatsView(view: ViewId): view is StatsViewId {
  return view === 'status' || view === 'traffic' || view === 'http' || view === 'errors';
}

/** TAB / Shift-TAB: cycles through the numbered views; from HELP it starts from the view help was opened on. */
export function cycleView(from: ViewId, step: 1 | -1): ViewId {
  const cycle = VIEWS.filter((v) => v.inCycle !== false);
  const index = cycle.findIndex((v) => v.id === from);
  const next = (Math.max(0, index) + step + cycle.length) % cycle.length;
  return cycle[next]!.id;
}
