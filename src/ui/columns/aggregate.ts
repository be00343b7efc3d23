// How one table row shows a server (or backend, or frontend) that exists on several LBs.
//
// Decision: the state is never merged. Every view has one state column per LB (UP/DRAIN/MAINT/DOWN on lb1,
// lb2 ...), because "drained on lb1 but not on lb2" is exactly what an operator must see at a glance.
// Numbers are merged into one value per row, chosen so the row answers "how much load does this server carry
// through the whole LB tier":
//   - counters and gauges (sessions, rates, bytes, HTTP codes, errors, queue, limits) are SUMMED;
//   - high-water marks (smax, qmax, rate max) take the MAX (a sum of peaks at different moments means nothing);
//   - lastchg takes the MIN (the most recent change), downtime the MAX;
//   - weight and check are shown once when all LBs agree, else as "min-max" / the worst check, marked as a
//     mismatch (different weights on a keepalived pair is a finding in itself).
// Press `e` to expand: each server gets one sub-row per LB with that LB's own numbers, so any sum can be
// taken apart. Stale LBs keep contributing their last good values; their state cells are marked stale.
import type { StatRow } from '../../model/haproxy.js';
import type { StatOnLb } from '../rows/types.js';

type NumField = { [K in keyof StatRow]: StatRow[K] extends number | null ? K : never }[keyof StatRow];

function values(stats: readonly StatOnLb[], field: NumField): number[] {
  const out: number[] = [];
  for (const s of stats) {
    const v = s.row[field];
    if (v !== null) out.push(v);
  }
  return out;
}

export function sum(stats: readonly StatOnLb[], field: NumField): number | null {
  const vs = values(stats, field);
  return vs.length === 0 ? null : vs.reduce((a, b) => a + b, 0);
}

export function max(stats: readonly StatOnLb[], field: NumField): number | null {
  const vs = values(stats, field);
  return vs.length === 0 ? null : Math.max(...vs);
}

export function min(stats: readonly StatOnLb[], field: NumField): number | null {
  const vs = values(stats, field);
  return vs.length === 0 ? null : Math.min(...vs);
}

/** One value when the LBs agree, "lo-hi" when they do not. */
export function agreed(stats: readonly StatOnLb[], field: NumField): { text: string; mismatch: boolean } {
  const vs = values(stats, field);
  if (vs.length === 0) return { text: '', mismatch: false };
  const lo = Math.min(...vs);
  const hi = Math.max(...vs);
  return lo === hi ? { text: String(lo), mismatch: false } : { text: `${lo}-${hi}`, mismatch: true };
}

const CHECK_OK = /^(L[4-7]OK|L7OKC|INI|UNK|)$/;

/** The worst check result across LBs: a failing one if any LB sees it failing. */
export function worstCheck(stats: readonly StatOnLb[]): { text: string; mismatch: boolean; failing: boolean } {
  const seen = [...new Set(stats.map((s) => s.row.checkStatus.replace(/^\* /, '')))]; // "* " = check in progress
  const failing = seen.find((c) => !CHECK_OK.test(c));
  const text = failing ?? seen.find((c) => c !== '') ?? '';
  return { text, mismatch: seen.length > 1, failing: failing !== undefined };
}
