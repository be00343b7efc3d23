// The views, numbered as in hatop (1–5) plus EVENTS; HELP is an overlay outside the TAB cycle.

export type StatsViewId = 'status' | 'traffic' | 'http' | 'errors';
export type ViewId = StatsViewId | 'cli' | 'events' | 'help' | 'lbdrift';

export interface ViewDef {
  id: Exclude<ViewId, 'help'>;
  number: number;
  title: string;
  command: string;
}

export const VIEWS: readonly ViewDef[] = [
  { id: 'status', number: 1, title: 'STATUS', command: 'view.status' },
  { id: 'traffic', number: 2, title: 'TRAFFIC', command: 'view.traffic' },
  { id: 'http', number: 3, title: 'HTTP', command: 'view.http' },
  { id: 'errors', number: 4, title: 'ERRORS', command: 'view.errors' },
  { id: 'cli', number: 5, title: 'CLI', command: 'view.cli' },
  { id: 'events', number: 6, title: 'EVENTS', command: 'view.events' },
  { id: 'lbdrift', number: 0, title: 'LB-DRIFT', command: 'view.lbdrift' },
];

export function isStatsView(view: ViewId): view is StatsViewId {
  return view === 'status' || view === 'traffic' || view === 'http' || view === 'errors';
}

/** TAB / Shift-TAB: cycles through the numbered views; from HELP it starts from the view help was opened on. */
export function cycleView(from: ViewId, step: 1 | -1): ViewId {
  const index = VIEWS.findIndex((v) => v.id === from);
  const next = (Math.max(0, index) + step + VIEWS.length) % VIEWS.length;
  return VIEWS[next]!.id;
}
