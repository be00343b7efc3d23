// What a StatParser remembers of the last `show stat` reply it read, and the comparison of a new line with it.
//
// A line whose bytes equal the previous reply's line at the same index, outside the columns that change every
// second (VOLATILE in parse-stat.ts: ages, the check duration), is the same row. The previous line says where its volatile fields
// sat, so the new line is compared in a few stretches (memcmp through Buffer.compare for the long ones) with no
// scan for commas, and its line end comes out of the comparison: nothing is decoded and nothing allocated for
// it. Measured on a 10,000-server reply (2.5 MB): ~2 ms, against ~9 ms for a byte-by-byte loop in JS and ~4 ms
// plus ~4 MB of garbage for decoding to a string and comparing substrings.
import type { StatRow } from '../../model/haproxy.js';

/** Two ints per volatile column: [start, end) of the field in the reply's bytes, -1 when the header lacks it. */
export const SPAN_INTS = 8;

export class StatLines {
  count = 0;
  /** Where each line starts in `bytes`; -1 for a line never compared (a quoted record). */
  private starts: Int32Array;
  private ends: Int32Array;
  private spans: Int32Array;
  /** The row of each line; entries past `count` are left over from an earlier reply. */
  readonly rows: (StatRow | null)[] = [];

  constructor(
    private bytes: Buffer,
    capacity: number,
  ) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.spans = new Int32Array(capacity * SPAN_INTS);
  }

  /**
   * Empties this for another reply, keeping its arrays: a parser alternates two of these (the reply at hand and
   * the previous one), so a poll of 10,000 servers allocates no new 10,000-line arrays for V8 to promote.
   */
  reuse(bytes: Buffer): this {
    this.bytes = bytes;
    this.count = 0;
    return this;
  }

  /** Adds the next line; `spans` null (or start -1) makes it one a later reply is never compared with. */
  add(start: number, end: number, row: StatRow | null, spans: Int32Array | null): void {
    if (this.count === this.starts.length) this.grow();
    const at = this.count++;
    this.starts[at] = spans ? start : -1;
    this.ends[at] = end;
    if (spans) this.spans.set(spans, at * SPAN_INTS);
    if (at < this.rows.length) this.rows[at] = row;
    else this.rows.push(row);
  }

  /** Drops the rows left over past `count` (a reply shorter than the one before), so they can be collected. */
  trim(): void {
    if (this.rows.length > this.count) this.rows.length = this.count;
  }

  /**
   * If line `index` of this reply matches a[from, ...) outside the volatile fields (`order`: indexes of the
   * spans in the order they sit on a line), the new line's end, with its volatile fields' positions in `out`;
   * else -1. `limit` is where the new reply's lines end.
   */
  match(index: number, a: Buffer, from: number, limit: number, order: readonly number[], out: Int32Array): number {
    if (index >= this.count) return -1;
    let j = this.starts[index]!;
    if (j === -1) return -1;
    const b = this.bytes;
    const spans = this.spans;
    const base = index * SPAN_INTS;
    let i = from;
    out.fill(-1);
    for (const k of order) {
      const start = spans[base + 2 * k]!;
      if (start === -1) continue;
      const length = start - j;
      if (i + length > limit || !sameBytes(a, i, b, j, length)) return -1;
      i += length;
      out[2 * k] = i;
      // A volatile field is a few digits: scanned here rather than through a native indexOf.
      while (i < limit && a[i] !== 44 /* , */ && a[i] !== 10) i++;
      if (i === limit || a[i] !== 44) return -1;
      out[2 * k + 1] = i;
      j = spans[base + 2 * k + 1]!;
    }
    const rest = this.ends[index]! - j;
    if (i + rest > limit || !sameBytes(a, i, b, j, rest)) return -1;
    i += rest;
    return i === limit || a[i] === 10 ? i : -1;
  }

  private grow(): void {
    const size = Math.max(16, this.starts.length * 2);
    const resize = (from: Int32Array, length: number) => {
      const to = new Int32Array(length);
      to.set(from);
      return to;
    };
    this.starts = resize(this.starts, size);
    this.ends = resize(this.ends, size);
    this.spans = resize(this.spans, size * SPAN_INTS);
  }
}

/** a[i, i + length) equals b[j, j + length): short stretches in JS, long ones by memcmp (a call costs ~50 ns). */
function sameBytes(a: Buffer, i: number, b: Buffer, j: number, length: number): boolean {
  if (length < 24) {
    for (let k = 0; k < length; k++) if (a[i + k] !== b[j + k]) return false;
    return true;
  }
  return a.compare(b, j, j + length, i, i + length) === 0;
}
