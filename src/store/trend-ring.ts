// The recent polls of one LB's rows (issue 16, trends): per row, its session rate, 5xx rate and queue.
//
// Why it is laid out like this: at 10,000 servers a poll must cost next to nothing (issue 13 watches lbtop's CPU
// per poll). Every row owns a slot; a poll is one column of the ring: the session rate and queue of every slot
// (Float32) and its hrsp_5xx counter (Uint32, the rate is taken between two columns when read). A poll starts as a
// copy of the previous column (one memcpy, ~120 KB at 10,000 rows), then writes only the rows the parser did not
// hand back as the same object at the same place (a line that did not change keeps its object, focused-stat.ts):
// O(changed rows), no allocation per row. Unchanged rows cost one pointer comparison; a quiet poll (the same array)
// not even that. Memory: HISTORY_LENGTH × 12 bytes per row (720 bytes, 7.3 MB per 10,000 rows) and its key; slots
// of rows gone from the LB are freed and re-used, so it follows the rows that exist.
import type { HaproxySnapshot, StatRow } from '../model/haproxy.js';

/** Polls kept per row: a minute at the TUI's default interval of one second. */
export const HISTORY_LENGTH = 60;
export const METRICS = ['rate', 'err5xx', 'qcur'] as const;
export type Metric = (typeof METRICS)[number];
/** A counter not known at that poll (no such row yet, a TCP row without hrsp_5xx). */
const UNKNOWN = 0xffffffff;
/** A counter that went down by the wrap-around distance is a reset (`clear counters`, a restart), not traffic. */
const RESET = 2 ** 31;

export function rowKey(proxy: string, name: string): string {
  return `${proxy}\u0000${name}`;
}

export class TrendRing {
  /** Ring column of the newest poll; -1 before the first. */
  private head = -1;
  /** Polls recorded so far, up to `length`. */
  private count = 0;
  /** Poll time per ring column (ms epoch). */
  private readonly times: Float64Array;
  /** [column][slot][rate, qcur]. */
  private gauges = new Float32Array(0);
  /** [column][slot]: hrsp_5xx modulo 2^32 (deltas stay right across the wrap). */
  private counts = new Uint32Array(0);
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  private capacity = 0;
  /** The rows of the last poll and each one's slot (-1: a listener, not kept). */
  private lastRows: readonly StatRow[] = [];
  private slotAt = new Int32Array(0);

  constructor(readonly length: number = HISTORY_LENGTH) {
    this.times = new Float64Array(length);
  }

  record(snapshot: HaproxySnapshot): void {
    const rows = snapshot.stats;
    if (rows.length > this.capacity) this.grow(rows.length);
    const previous = this.head;
    const col = (this.head = (this.head + 1) % this.length);
    this.times[col] = snapshot.at;
    this.count = Math.min(this.count + 1, this.length);
    const cap = this.capacity;
    if (previous >= 0) {
      this.gauges.copyWithin(col * cap * 2, previous * cap * 2, (previous + 1) * cap * 2);
      this.counts.copyWithin(col * cap, previous * cap, (previous + 1) * cap);
    }
    if (rows === this.lastRows) return; // a quiet poll: every row as it was
    const last = this.lastRows;
    const before = this.slotAt;
    const slotAt = rows.length === before.length ? before : new Int32Array(rows.length);
    let moved = slotAt !== before;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (last[i] === row) {
        slotAt[i] = before[i]!;
        continue;
      }
      const slot = row.kind === 'listener' ? -1 : this.slotOf(rowKey(row.proxy, row.name));
      if (slot !== before[i]) moved = true;
      slotAt[i] = slot;
      if (slot < 0) continue;
      const at = col * this.capacity + slot; // slotOf may have grown the arrays
      this.gauges[at * 2] = row.rate ?? NaN;
      this.gauges[at * 2 + 1] = row.qcur ?? NaN;
      this.counts[at] = row.hrsp5xx === null ? UNKNOWN : row.hrsp5xx >>> 0;
    }
    this.lastRows = rows;
    this.slotAt = slotAt;
    // Rows gone from the LB free their slots: looked for only when rows moved or came and went.
    if (moved && this.slots.size > 0) this.sweep(slotAt);
  }

  /**
   * The metric's values for a row, oldest first, into `out` (its last `out.length` polls; NaN where unknown).
   * The 5xx rate is the counter's growth per second since the poll before; none for the first poll, a reset or
   * an unknown counter. False when the LB has no such row.
   */
  series(proxy: string, name: string, metric: Metric, out: Float32Array): boolean {
    const slot = this.slots.get(rowKey(proxy, name));
    if (slot === undefined) return false;
    const n = out.length;
    const cap = this.capacity;
    for (let k = 0; k < n; k++) {
      const age = n - 1 - k; // polls before the newest
      if (age >= this.count) {
        out[k] = NaN;
        continue;
      }
      const col = (this.head - age + this.length) % this.length;
      if (metric !== 'err5xx') {
        out[k] = this.gauges[(col * cap + slot) * 2 + (metric === 'rate' ? 0 : 1)]!;
        continue;
      }
      const older = (col - 1 + this.length) % this.length;
      const now = this.counts[col * cap + slot]!;
      const then = this.counts[older * cap + slot]!;
      const seconds = (this.times[col]! - this.times[older]!) / 1000;
      const grew = (now - then) >>> 0;
      out[k] = age + 1 >= this.count || now === UNKNOWN || then === UNKNOWN || grew >= RESET || !(seconds > 0) ? NaN : grew / seconds;
    }
    return true;
  }

  /** Rows with a history (slots in use), for tests and the memory note. */
  get rows(): number {
    return this.slots.size;
  }

  private slotOf(key: string): number {
    const known = this.slots.get(key);
    if (known !== undefined) return known;
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.slots.size;
      if (slot >= this.capacity) this.grow(slot + 1);
    }
    this.slots.set(key, slot);
    // A new row has no past, whatever the slot held before.
    for (let col = 0; col < this.length; col++) {
      const at = col * this.capacity + slot;
      this.gauges[at * 2] = NaN;
      this.gauges[at * 2 + 1] = NaN;
      this.counts[at] = UNKNOWN;
    }
    return slot;
  }

  /** Room for `needed` slots (doubling, at least what the poll has rows), each column re-laid at the new width. */
  private grow(needed: number): void {
    const capacity = Math.max(64, needed, this.capacity * 2);
    const gauges = new Float32Array(this.length * capacity * 2).fill(NaN);
    const counts = new Uint32Array(this.length * capacity).fill(UNKNOWN);
    for (let col = 0; col < this.length && this.capacity > 0; col++) {
      gauges.set(this.gauges.subarray(col * this.capacity * 2, (col + 1) * this.capacity * 2), col * capacity * 2);
      counts.set(this.counts.subarray(col * this.capacity, (col + 1) * this.capacity), col * capacity);
    }
    this.gauges = gauges;
    this.counts = counts;
    this.capacity = capacity;
  }

  private sweep(slotAt: Int32Array): void {
    const live = new Uint8Array(this.capacity);
    for (let i = 0; i < slotAt.length; i++) if (slotAt[i]! >= 0) live[slotAt[i]!] = 1;
    for (const [key, slot] of this.slots) {
      if (live[slot]) continue;
      this.slots.delete(key);
      this.free.push(slot);
    }
  }
}
