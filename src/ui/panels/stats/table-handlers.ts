// The fleet table's own keys that change how it is shown, not the LBs: `o`/`O` sort, Enter/Esc the detail pane.
import type { ScopeHandlers } from '../../hooks/useCommands.js';
import { columnsFor } from '../../columns/index.js';
import type { LbInfo } from '../../columns/types.js';
import type { TableRow } from '../../rows/types.js';
import type { UiAction, UiState } from '../../state/ui-state.js';
import { isStatsView } from '../../state/views.js';

export interface TableContext {
  ui: UiState;
  dispatch(action: UiAction): void;
  lbs: readonly LbInfo[];
  row: TableRow | undefined;
  flash(text: string, level: 'info' | 'ok' | 'error'): void;
}

export function tableHandlers(ctx: TableContext): Pick<ScopeHandlers<'table' | 'detail'>, 'sort.next' | 'sort.reverse' | 'detail.open' | 'detail.close'> {
  const { ui, dispatch } = ctx;
  const columns = isStatsView(ui.view) ? columnsFor(ui.view, ctx.lbs) : [];
  const current = columns.findIndex((c) => c.id === ui.sort?.column);
  return {
    'sort.next': () => {
      const next = columns[current + 1];
      if (!next) {
        dispatch({ type: 'sort', sort: null });
        return ctx.flash('configured order (o sorts by the first column again)', 'info');
      }
      // Numbers highest first (the busiest, the most errors), text A→Z; O turns it round.
      const desc = next.align === 'right' || next.id.startsWith('trend:');
      dispatch({ type: 'sort', sort: { column: next.id, desc } });
      ctx.flash(`sorted by ${next.header} ${desc ? 'highest first' : 'A→Z'}; servers stay under their backend (O reverses)`, 'info');
    },
    'sort.reverse': {
      disabled: () => (ui.sort && current >= 0 ? null : 'the table is in its configured order (o picks a column to sort by)'),
      run: () => dispatch({ type: 'sort', sort: { column: ui.sort!.column, desc: !ui.sort!.desc } }),
    },
    'detail.open': {
      disabled: () => (!ctx.row ? 'no row selected' : ctx.row.kind === 'cluster' ? 'a cluster has no details: select a frontend, backend or server' : null),
      run: () => dispatch({ type: 'detail', open: true }),
    },
    'detail.close': () => dispatch({ type: 'detail', open: false }),
  };
}
