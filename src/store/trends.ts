// The trends of every LB's rows (one TrendRing per LB), and a logical row's trend across LBs: the sum of each
// LB's value at the same poll age, the way the table sums a row's numbers (src/ui/columns/aggregate.ts). LBs poll
// on their own clocks, so "the same age" is the k-th latest poll of each, a second apart at most at the default
// interval. The aggregate is computed when read (for the rows on screen), never stored.
import type { HaproxySnapshot } from '../model/haproxy.js';
import { HISTORY_LENGTH, TrendRing, type Metric } from './trend-ring.js';

export type { Metric } from './trend-ring.js';
export { HISTORY_LENGTH, METRICS } from './trend-ring.js';

/** A row of one LB: its proxy and its name as `show stat` has them (FRONTEND, BACKEND or the server). */
export interface TrendRow {
  lb: string;
  proxy: string;
  name: string;
}

export interface TrendReader {
  readonly length: number;
  /**
   * The metric summed over `rows` (one LB each), oldest first, into `out`; NaN where no LB had a value. False when
   * no LB has any of the rows.
   */
  series(rows: readonly TrendRow[], metric: Metric, out: Float32Array): boolean;
}

export class Trends implements TrendReader {
  private readonly rings = new Map<string, TrendRing>();
  private readonly scratch: Float32Array;

  constructor(readonly length: number = HISTORY_LENGTH) {
    this.scratch = new Float32Array(length);
  }

  record(lb: string, snapshot: HaproxySnapshot): void {
    let ring = this.rings.get(lb);
    if (!ring) this.rings.set(lb, (ring = new TrendRing(this.length)));
    ring.record(snapshot);
  }

  ring(lb: string): TrendRing | undefined {
    return this.rings.get(lb);
  }

  series(rows: readonly TrendRow[], metric: Metric, out: Float32Array): boolean {
    out.fill(NaN);
    const part = out.length === this.length ? this.scratch : new Float32Array(out.length);
    let found = false;
    for (const row of rows) {
      if (!this.rings.get(row.lb)?.series(row.proxy, row.name, metric, part)) continue;
      found = true;
      for (let k = 0; k < out.length; k++) {
        const v = part[k]!;
        if (Number.isNaN(v)) continue;
        out[k] = Number.isNaN(out[k]!) ? v : out[k]! + v;
      }
    }
    return found;
  }
}
