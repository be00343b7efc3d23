// A reducer-kept list (the stats table, EVENTS) as the current frame sees it: its selection located among the
// rows of now, settled on screen, and the nav.* keys that move it through the reducer. Shared by the views whose
// selection outlives them (it stays when the operator switches away and back), unlike a panel's own useListNav.
import type { HandlerFn } from '../hooks/useCommands.js';
import { locate, settle, type NavMove, type Selection } from './selection.js';
import type { ListId, UiAction } from './ui-state.js';

export interface ListGeometry {
  count: number;
  height: number;
  index: number;
  top: number;
  keyAt(i: number): string | undefined;
}

export function listGeometry(sel: Selection, count: number, height: number, keyAt: (i: number) => string | undefined, indexOf: (k: string) => number | undefined): ListGeometry {
  const at = settle(count, height, locate(sel, count, keyAt, indexOf), sel.top);
  return { count, height, index: at.index, top: at.top, keyAt };
}

type NavId = 'nav.down' | 'nav.up' | 'nav.pageDown' | 'nav.pageUp' | 'nav.home' | 'nav.end';
const MOVES: Record<NavId, NavMove> = { 'nav.down': 'down', 'nav.up': 'up', 'nav.pageDown': 'pageDown', 'nav.pageUp': 'pageUp', 'nav.home': 'home', 'nav.end': 'end' };

export function listNav(list: ListId, g: ListGeometry, dispatch: (action: UiAction) => void): Record<NavId, HandlerFn> {
  const to = (how: NavMove) => () => dispatch({ type: 'nav', list, how, from: { index: g.index, top: g.top }, count: g.count, height: g.height, keyAt: g.keyAt });
  return Object.fromEntries(Object.entries(MOVES).map(([id, how]) => [id, to(how)])) as Record<NavId, HandlerFn>;
}
