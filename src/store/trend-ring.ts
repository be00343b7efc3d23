// The recent polls of one LB's rows (issue 16, trends): per row, a ring of its session rate, 5xx rate and queue.
//
// Why typed arrays and slots: at 10,000 servers a poll must not allocate per row (issue 13 watches lbtop's CPU
// per poll). Every row owns a slot; the slot's three rings sit side by side in one Float32Array (NaN: no value
// that poll). A poll writes one column of every ring in one loop over the snapshot's rows. A row is found by
// position when the parser handed back the same object at the same place as last poll (nearly every row: the
// parser keeps the object of a line that did not change, focused-stat.ts); only the others are looked up by name.
// Memory: 3 metrics × HISTORY_LENGTH polls × 4 bytes = 720 bytes per row (7.2 MB per 10,000 rows), plus a key
// and a few numbers; slots of rows gone from the LB are freed and re-used, so it follows the rows that exist.
import type { HaproxySnapshot, StatRow } from '../model/haproxy.js';

/** Polls kept per row: a minute at the TUI's default interval of one second. */
export const HISTORY_LENGTH = 60;
export const METRICS = ['rate', 'err5xx', 'qcur'] as const;
export type Metric = (typeof METRICS)[number];
const M = METRICS.length;

export function rowKey(proxy: string, name: string): string {
  return `${proxy}\u0000${name}`;
}

export class TrendRing {
  /** Ring column of the newest poll; -1 before the first. */
  head = -1;
  /** Polls recorded so far, up to `length`. */
  count = 0;
  /** Poll time per ring column (ms epoch). */
  readonly times: Float64Array;
  private values = new Float32Array(0);
  /** The 5xx counter each slot had at its last poll (NaN: unknown), for the rate. */
  private last5xx = new Float64Array(0);
  /** Poll number each slot was last seen at: slots not seen in a poll belong to rows that are gone. */
  private seen = new Uint32Array(0);
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  private capacity = 0;
  private polls = 0;
  /** The rows of the last poll and each one's slot, for the by-position fast path. */
  private lastRows: readonly StatRow[] = [];
  private slotAt = new Int32Array(0);

  constructor(readonly length: number = HISTORY_LENGTH) {
    this.times = new Float64Array(length);
  }

  record(snapshot: HaproxySnapshot): void {
    const rows = snapshot.stats;
    const previousAt = this.head >= 0 ? this.times[this.head]! : NaN;
    const seconds = (snapshot.at - previousAt) / 1000;
    const col = (this.head = (this.head + 1) % this.length);
    this.times[col] = snapshot.at;
    this.count = Math.min(this.count + 1, this.length);
    const poll = ++this.polls;
    const slotAt = rows.length === this.slotAt.length ? this.slotAt : new Int32Array(rows.length);
    let lookedUp = false;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      let slot: number;
      if (this.lastRows[i] === row) slot = this.slotAt[i]!;
      else if (row.kind === 'listener') slot = -1;
      else {
        slot = this.slotOf(rowKey(row.proxy, row.name));
        lookedUp = true;
      }
      slotAt[i] = slot;
      if (slot < 0) continue;
      this.seen[slot] = poll;
      const base = slot * M * this.length + col;
      this.values[base] = row.rate ?? NaN;
      this.values[base + this.length] = this.rate5xx(slot, row.hrsp5xx, seconds);
      this.values[base + 2 * this.length] = row.qcur ?? NaN;
    }
    this.lastRows = rows;
    this.slotAt = slotAt;
    // Rows gone from the LB free their slots; only checked when a row was looked up by name (a new layout).
    if (lookedUp && this.slots.size > rows.length) this.sweep(poll);
  }

  /**
   * The metric's values for a row, oldest first, into `out` (its last `out.length` polls; NaN where unknown).
   * False when the LB has no such row.
   */
  series(proxy: string, name: string, metric: Metric, out: Float32Array): boolean {
    const slot = this.slots.get(rowKey(proxy, name));
    if (slot === undefined) return false;
    const base = (slot * M + METRICS.indexOf(metric)) * this.length;
    const n = out.length;
    for (let k = 0; k < n; k++) {
      const age = n - 1 - k; // polls before the newest
      out[k] = age < this.count ? this.values[base + ((this.head - age + this.length) % this.length)]! : NaN;
    }
    return true;
  }

  /** Slots allocated (rows with a history), for tests and the memory note. */
  get rows(): number {
    return this.slots.size;
  }

  /**
   * Errors per second since the last poll. A counter that went down (HAProxy restarted, `clear counters`) or a
   * row seen for the first time has no rate this poll: NaN, not a made-up number.
   */
  private rate5xx(slot: number, counter: number | null, seconds: number): number {
    const before = this.last5xx[slot]!;
    const now = counter ?? NaN;
    this.last5xx[slot] = now;
    if (!(seconds > 0) || !(now >= before)) return NaN;
    return (now - before) / seconds;
  }

  private slotOf(key: string): number {
    const known = this.slots.get(key);
    if (known !== undefined) return known;
    const slot = this.free.pop() ?? this.grow();
    this.slots.set(key, slot);
    // A new row has no past: its rings start empty whatever the slot held before.
    this.values.fill(NaN, slot * M * this.length, (slot + 1) * M * this.length);
    this.last5xx[slot] = NaN;
    return slot;
  }

  private grow(): number {
    const slot = this.slots.size + this.free.length;
    if (slot < this.capacity) return slot;
    const capacity = Math.max(64, this.capacity * 2);
    const values = new Float32Array(capacity * M * this.length);
    values.set(this.values);
    const last = new Float64Array(capacity);
    last.set(this.last5xx);
    const seen = new Uint32Array(capacity);
    seen.set(this.seen);
    this.values = values;
    this.last5xx = last;
    this.seen = seen;
    this.capacity = capacity;
    return slot;
  }

  private sweep(poll: number): void {
    for (const [key, slot] of this.slots) {
      if (this.seen[slot] === poll) continue;
      this.slots.delete(key);
      this.free.push(slot);
    }
  }
}
