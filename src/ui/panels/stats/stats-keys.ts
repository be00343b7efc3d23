// The fleet table's keys (scopes `table` and `detail`, the pane's j/k move the table's row): moving, filtering,
// jumping, sorting and the detail pane through the App's reducer; the write keys on the selected row
// (server-actions.ts), N on its machine, P for the last node drain, and lbtop.yaml's row commands.
import type { Handlers, ScopeHandlers } from '../../hooks/useCommands.js';
import { fleetActionHandlers } from '../../handlers/fleet-actions.js';
import { userCommandHandlers } from '../../handlers/user-commands.js';
import type { TableRow } from '../../rows/types.js';
import { listNav, type ListGeometry } from '../../state/list-geometry.js';
import type { PanelProps } from '../types.js';
import { serverActionHandlers } from './server-actions.js';
import { tableHandlers } from './table-handlers.js';

export function statsKeys(props: PanelProps, table: ListGeometry, row: TableRow | undefined): ScopeHandlers<'table' | 'detail'> & Handlers {
  const { shell, services, preview, flash } = props;
  const { ui, dispatch } = shell;
  const fleet = shell.rows.fleet;
  const lbNames = fleet.lbs.map((h) => h.name);
  const cycleScope = () => {
    const order = [null, ...lbNames];
    const next = order[(order.indexOf(ui.scope) + 1) % order.length] ?? null;
    dispatch({ type: 'scope', scope: next });
    flash(next === null ? 'write keys now act on every LB that has the server' : `write keys now act on ${next} only`, 'info');
  };
  return {
    ...listNav('table', table, dispatch),
    'filter.open': () => dispatch({ type: 'prompt.open', kind: 'filter', list: 'table' }),
    'filter.clear': {
      disabled: () => (ui.filters.table === '' ? 'no filter to clear (/ starts one)' : null),
      run: () => dispatch({ type: 'filter.clear', list: 'table' }),
    },
    'jump.open': () => dispatch({ type: 'prompt.open', kind: 'jump', list: 'table' }),
    'scope.cycle': { disabled: () => (lbNames.length === 0 ? 'no LB configured' : null), run: cycleScope },
    'rows.expand': () => dispatch({ type: 'expand' }),
    ...tableHandlers({ ui, dispatch, lbs: shell.rows.lbs, row, flash }),
    ...serverActionHandlers({ services, fleet, row, scope: ui.scope, preview, flash }),
    ...fleetActionHandlers({ services, fleet, row, preview, choose: shell.choose, flash }),
    'node.progress': { disabled: () => (shell.drain.follow ? null : 'no node drain in this session yet (N on a server row starts one)'), run: shell.drain.show },
    ...userCommandHandlers({ services, fleet, row, targetLb: ui.scope, vip: undefined, preview, showOutput: () => dispatch({ type: 'view', view: 'output' }), flash }),
  };
}
