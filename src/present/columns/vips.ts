// The VIPS table's columns (TUI view and `lbtop vip status`): one row per VIP (instance × address), one column per
// LB with its daemon's state and priority, who holds the address, and what the kernels say about it.
import type { VipRow } from '../../model/failover-state.js';
import type { Column } from '../table.js';

export interface VipContext {
  /** The terminal's width: the TRUTH column shows only past 100 columns (the CLI prints it on its own line). */
  width: number;
}

export type VipColumn = Column<VipRow, VipContext>;

const text = (id: string, header: string, width: number, of: (r: VipRow) => string): VipColumn => ({ id, header, width, align: 'left', cell: (r) => ({ text: of(r) }) });

export const holdersText = (r: VipRow) => (r.verdict.kind === 'unknown' ? '?' : [...new Set(r.verdict.holders.map((h) => h.host))].join('+') || 'NOBODY');

function lbColumn(lb: string): VipColumn {
  return text(`lb:${lb}`, lb, 16, (r) => {
    const s = r.perLb[lb];
    return s ? `${s.state}${s.effectivePriority !== null ? ` ${s.effectivePriority}` : ''}` : '-';
  });
}

const truthText = (r: VipRow) => (r.verdict.alarm ? `ALARM: ${r.verdict.message}` : r.resource ? `NOT VIP-CHECKED: ${r.resource} resource; holder per heartbeat` : r.verdict.kind);

export const truthColumn: VipColumn = {
  id: 'truth',
  // The gap is part of the cell: the whole of it is cut with the cell on a narrow screen.
  header: ' TRUTH',
  width: 0,
  align: 'left',
  rest: true,
  before: '',
  cell: (r, ctx) => ({ text: ` ${truthText(r)}`.slice(0, Math.max(0, ctx.width - 100)), token: r.verdict.alarm ? 'dialog.warning' : 'text.dim' }),
};

/** The LBs that report any VIP, in the order they first appear: one column each. */
export const vipLbs = (vips: readonly VipRow[]) => [...new Set(vips.flatMap((r) => Object.keys(r.perLb)))];

export function vipColumns(lbs: readonly string[]): VipColumn[] {
  return [
    text('vip', 'VIP', 16, (r) => r.vip),
    text('instance', 'INSTANCE', 22, (r) => r.instance),
    text('cluster', 'CLUSTER', 10, (r) => r.cluster ?? '-'),
    // No LB yet: an empty column keeps the header's spacing as it always was.
    ...(lbs.length ? lbs.map(lbColumn) : [text('lbs', '', 0, () => '')]),
    { ...text('held', 'HELD BY', 12, holdersText), cell: (r) => ({ text: holdersText(r), token: r.verdict.alarm ? 'status.down' : 'status.up' }) },
    truthColumn,
  ];
}
