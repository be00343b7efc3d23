// Handlers for the main scopes (global, fleet table, events, CLI, help), as a plain table built per render
// from the current state. Nothing here keeps state of its own.
import type { Keymap } from '../../keymap/resolve.js';
import type { Handler, Handlers } from '../hooks/useCommands.js';
import type { CliSession } from '../hooks/useCliSession.js';
import { move, type NavMove } from '../state/selection.js';
import type { ListId, UiAction, UiState } from '../state/ui-state.js';
import { cycleView, isStatsView, type ViewId } from '../state/views.js';

export interface ListGeometry {
  count: number;
  height: number;
  index: number;
  top: number;
  keyAt(i: number): string | undefined;
}

export interface MainContext {
  ui: UiState;
  dispatch(action: UiAction): void;
  keymap: Keymap;
  lists: Partial<Record<ListId, ListGeometry>>;
  lbNames: readonly string[];
  cli: CliSession;
  cliPage: number;
  server: Record<string, Handler>;
  quit(): void;
  flash(text: string, level: 'info' | 'ok' | 'error'): void;
}

function listOf(view: ViewId): ListId | null {
  if (isStatsView(view)) return 'table';
  if (view === 'events' || view === 'help') return view;
  return null;
}

export function mainHandlers(ctx: MainContext): Handlers {
  const { ui, dispatch } = ctx;
  const go = (view: ViewId) => () => dispatch({ type: 'view', view });
  const nav = (how: NavMove) => () => {
    const id = listOf(ui.view);
    const g = id ? ctx.lists[id] : undefined;
    if (!id || !g) return;
    if (id === 'help') {
      // Help has no cursor: the keys scroll the text.
      const maxTop = Math.max(0, g.count - g.height);
      const top = Math.max(0, Math.min(maxTop, move(g.top, how, maxTop + 1, g.height)));
      return dispatch({ type: 'select', list: 'help', index: top, key: null, count: g.count, height: g.height, top });
    }
    dispatch({ type: 'nav', list: id, how, from: { index: g.index, top: g.top }, count: g.count, height: g.height, keyAt: g.keyAt });
  };
  const filterList = isStatsView(ui.view) ? 'table' : 'events';
  const cycleScope = () => {
    const order = [null, ...ctx.lbNames];
    const next = order[(order.indexOf(ui.scope) + 1) % order.length] ?? null;
    dispatch({ type: 'scope', scope: next });
    ctx.flash(next === null ? 'write keys now act on every LB that has the server' : `write keys now act on ${next} only`, 'info');
  };
  return {
    'app.quit': ctx.quit,
    'app.help': () => dispatch({ type: 'view', view: ui.view === 'help' ? ui.back : 'help' }),
    'view.next': () => dispatch({ type: 'view', view: cycleView(ui.view === 'help' ? ui.back : ui.view, 1) }),
    'view.prev': () => dispatch({ type: 'view', view: cycleView(ui.view === 'help' ? ui.back : ui.view, -1) }),
    'view.status': go('status'),
    'view.traffic': go('traffic'),
    'view.http': go('http'),
    'view.errors': go('errors'),
    'view.cli': go('cli'),
    'view.events': go('events'),
    'nav.down': nav('down'),
    'nav.up': nav('up'),
    'nav.pageDown': nav('pageDown'),
    'nav.pageUp': nav('pageUp'),
    'nav.home': nav('home'),
    'nav.end': nav('end'),
    'filter.open': () => dispatch({ type: 'prompt.open', kind: 'filter', list: filterList }),
    'filter.clear': {
      disabled: () => (ui.filters[filterList] === '' ? 'no filter to clear (/ starts one)' : null),
      run: () => dispatch({ type: 'filter.clear', list: filterList }),
    },
    'jump.open': () => dispatch({ type: 'prompt.open', kind: 'jump', list: 'table' }),
    'scope.cycle': { disabled: () => (ctx.lbNames.length === 0 ? 'no LB configured' : null), run: cycleScope },
    'rows.expand': () => dispatch({ type: 'expand' }),
    ...ctx.server,
    'cli.send': () => {
      const reason = ctx.cli.send();
      if (reason) ctx.flash(reason, 'error');
    },
    'cli.history.prev': () => ctx.cli.history(-1),
    'cli.history.next': () => ctx.cli.history(1),
    'cli.scroll.up': () => ctx.cli.scroll(ctx.cliPage, ctx.cliPage),
    'cli.scroll.down': () => ctx.cli.scroll(-ctx.cliPage, ctx.cliPage),
    'cli.lb.next': { disabled: () => (ctx.lbNames.length < 2 ? 'only one LB is configured' : null), run: ctx.cli.nextLb },
    'cli.clear': () => ctx.cli.setInput(''),
    'cli.back': go(ui.back === 'cli' ? 'status' : ui.back),
    'help.close': go(ui.back),
  };
}
