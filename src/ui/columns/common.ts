// Columns every stats view shares: NAME, one state column per LB, weight and check (hatop's NAME/W/STATUS/CHECK).
import type { TableRow } from '../rows/types.js';
import { isPlaceholderSlot, PLACEHOLDER_LABEL } from '../../sources/haproxy/placeholder.js';
import { agreed, worstCheck } from './aggregate.js';
import type { Cell, Column, LbInfo } from './types.js';

const INDENT: Record<TableRow['kind'], string> = { cluster: '', frontend: '  ', backend: '  ', server: '    ', sublb: '      @' };

export const nameColumn: Column = {
  id: 'name',
  header: 'NAME',
  width: 24,
  align: 'left',
  flex: true,
  cell: (row) => ({ text: INDENT[row.kind] + row.name }),
};

import { statusToken } from '../../present/status-token.js';

export { statusToken };

/** Short form for a narrow per-LB column: "MAINT (via be/s)" → "MAINT*", "no check" → "nochk". */
export function shortStatus(status: string): string {
  if (status.startsWith('MAINT (via')) return 'MAINT*';
  if (status === 'no check') return 'nochk';
  return status;
}

function stateCell(lb: LbInfo, row: TableRow): Cell {
  if (row.kind === 'cluster' || (row.kind === 'sublb' && row.lb !== lb.name)) return { text: '' };
  const on = row.stats.find((s) => s.lb === lb.name);
  if (lb.down && !on) return { text: '?', token: 'cell.stale' };
  if (!on && !row.clusterLbs.includes(lb.name)) return { text: '' };
  if (!on) return { text: '—', token: 'text.dim' };
  if (on.stale) return { text: `${shortStatus(on.row.status)}?`, token: 'cell.stale' };
  // An ingress controller's empty slot (seed 004): parked on purpose, not a node taken out.
  if (isPlaceholderSlot(on.row, on.state)) return { text: PLACEHOLDER_LABEL, token: 'text.dim' };
  return { text: shortStatus(on.row.status), token: statusToken(on.row.status) };
}

/** One state column per LB, headed by the LB's name. */
export function lbStateColumns(lbs: readonly LbInfo[]): Column[] {
  return lbs.map((lb) => ({
    id: `lb:${lb.name}`,
    header: lb.name,
    width: Math.min(Math.max(lb.name.length, 6), 10),
    align: 'left' as const,
    fields: ['status'] as const,
    lb: lb.name,
    cell: (row: TableRow) => stateCell(lb, row),
  }));
}

export const weightColumn: Column = {
  id: 'weight',
  header: 'W',
  width: 5,
  align: 'right',
  fields: ['weight'],
  cell: (row) => {
    if (row.kind !== 'server' && row.kind !== 'sublb' && row.kind !== 'backend') return { text: '' };
    const w = agreed(row.stats, 'weight');
    return w.mismatch ? { text: w.text, token: 'cell.mismatch' } : { text: w.text };
  },
};

export const checkColumn: Column = {
  id: 'check',
  header: 'CHECK',
  width: 7,
  align: 'left',
  fields: ['checkStatus'],
  cell: (row) => {
    if (row.kind !== 'server' && row.kind !== 'sublb') return { text: '' };
    const c = worstCheck(row.stats);
    return { text: c.text, token: c.failing ? 'status.down' : c.mismatch ? 'cell.mismatch' : undefined };
  },
};
