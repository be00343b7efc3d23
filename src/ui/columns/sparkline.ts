// Values → a sparkline of block characters, one per poll, scaled from 0 to the highest value shown.
// A poll with no value (before the history starts, a counter reset) and a zero are blank, so an idle row's
// sparkline is empty and stays so: a poll that changes nothing on screen writes nothing to the terminal
// (test/e2e/screen-bytes.test.ts). The lowest bar means "some", never "none".
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/** For a terminal that does not take UTF-8 (src/theme/glyphs.ts): eight steps of ASCII ink. */
const ASCII = ['.', ',', ':', '-', '=', '+', '*', '#'];

export function sparkline(values: ArrayLike<number>, ascii = false): string {
  const glyphs = ascii ? ASCII : BLOCKS;
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  if (max <= 0) return ' '.repeat(values.length);
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out += v > 0 ? glyphs[Math.min(7, Math.max(0, Math.ceil((v / max) * 8) - 1))] : ' ';
  }
  return out;
}

/** Lowest, highest and newest known value (NaN where none is known) and how many are known, for the detail pane. */
export function summary(values: ArrayLike<number>): { min: number; max: number; last: number; known: number } {
  let known = 0;
  let min = NaN;
  let max = NaN;
  let last = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    known++;
    if (!(v >= min)) min = v;
    if (!(v <= max)) max = v;
    last = v;
  }
  return { min, max, last, known };
}
