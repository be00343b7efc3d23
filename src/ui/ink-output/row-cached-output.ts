// A drop-in for Ink 6.8's internal Output (ink/build/output.js) that remembers each screen row between frames.
//
// Why: Ink turns every frame into a grid of one object per terminal cell and re-tokenizes the ANSI codes of every
// line, even when nothing moved. At 200×50 that measured 30–70 ms per frame on the 2-core bench machine: more
// than everything else lbtop does in a poll of 10,000 servers. Between two frames almost every row is written
// with the same text at the same columns (a refresh changes a few cells, a key press two rows), so the row's
// finished string can be re-used. A row seen for the first time is rasterized by Ink's own Output, one row
// high, so the result is exactly what Ink would have produced.
//
// Put in place of Ink's Output by scripts/bundle.mjs, for Ink 6.8.x only; any other Ink keeps its own.
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';

type Transformer = (line: string, index: number) => string;
interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}
type Operation = { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] } | { type: 'clip'; clip: Clip } | { type: 'unclip' };

interface InkOutput {
  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
  get(): { output: string; height: number };
}
type InkOutputClass = new (options: { width: number; height: number }) => InkOutput;

// Ink's own Output, for rows not seen in the previous frame, loaded from Ink's package by file URL (the bundle
// redirects only the renderer's import of ./output.js, not this one).
const { default: InkOutput } = (await import(new URL('./output.js', import.meta.resolve('ink')).href)) as { default: InkOutputClass };

/** Finished rows of the previous frame and of this one: two frames bound the memory (one per screen row). */
let previousRows = new Map<string, string>();
/** Display widths of written lines, kept the same way (string-width parses ANSI codes: not free). */
let previousWidths = new Map<string, number>();
let currentWidths = new Map<string, number>();

function widthOf(line: string): number {
  let width = currentWidths.get(line);
  if (width === undefined) {
    width = previousWidths.get(line) ?? stringWidth(line);
    currentWidths.set(line, width);
  }
  return width;
}

export default class RowCachedOutput {
  readonly width: number;
  readonly height: number;
  private readonly operations: Operation[] = [];

  constructor(options: { width: number; height: number }) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void {
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers: options.transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    // Per row, what is written where, in write order (a later write covers an earlier one).
    const rows: { x: number; line: string }[][] = Array.from({ length: this.height }, () => []);
    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      else if (operation.type === 'unclip') clips.pop();
      else placeWrite(rows, operation, clips.at(-1));
    }
    const thisFrame = new Map<string, string>();
    const lines = rows.map((segments) => {
      if (segments.length === 0) return '';
      const key = segments.map((s) => `${s.x}\u0001${s.line}`).join('\u0002');
      let finished = thisFrame.get(key) ?? previousRows.get(key);
      if (finished === undefined) finished = joinSideBySide(segments) ?? rasterize(segments, this.width);
      thisFrame.set(key, finished);
      return finished;
    });
    previousRows = thisFrame;
    previousWidths = currentWidths;
    currentWidths = new Map();
    return { output: lines.join('\n'), height: this.height };
  }
}

/** Ink's clipping of one write (whole write outside the clip: dropped; partly outside: cut), then its lines. */
function placeWrite(rows: { x: number; line: string }[][], operation: Extract<Operation, { type: 'write' }>, clip: Clip | undefined): void {
  let { x, y } = operation;
  let lines = operation.text.split('\n');
  if (clip) {
    const horizontal = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
    const vertical = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
    if (horizontal) {
      const widest = lines.reduce((most, line) => Math.max(most, widthOf(line)), 0);
      if (x + widest < clip.x1! || x > clip.x2!) return;
    }
    if (vertical && (y + lines.length < clip.y1! || y > clip.y2!)) return;
    if (horizontal) {
      const from = x < clip.x1! ? clip.x1! - x : 0;
      lines = lines.map((line) => {
        const width = widthOf(line);
        const to = x + width > clip.x2! ? clip.x2! - x : width;
        return from === 0 && to === width ? line : sliceAnsi(line, from, to);
      });
      if (x < clip.x1!) x = clip.x1!;
    }
    if (vertical) {
      const from = y < clip.y1! ? clip.y1! - y : 0;
      const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
      lines = lines.slice(from, to);
      if (y < clip.y1!) y = clip.y1!;
    }
  }
  lines.forEach((raw, index) => {
    const row = rows[y + index];
    if (!row) return;
    let line = raw;
    for (const transform of operation.transformers) line = transform(line, index);
    row.push({ x, line });
  });
}

// SGR sequences (colours, bold, inverse...): the only escapes Ink's Text writes.
const SGR = /\u001b\[[0-9;]*m/g;

/**
 * The common row, built without a cell grid: segments side by side (none overlapping) of characters one column
 * wide each. Spaces fill the gaps, as Ink's blank cells do, and trailing blanks go, as Ink trims them. Anything
 * else (an overlap, a wide or zero-width character, another escape) returns null and goes to Ink's Output.
 */
function joinSideBySide(segments: readonly { x: number; line: string }[]): string | null {
  const ordered = segments.length > 1 ? [...segments].sort((a, b) => a.x - b.x) : segments;
  let out = '';
  let column = 0;
  for (const { x, line } of ordered) {
    if (x < column) return null;
    const plain = line.replace(SGR, '');
    if (plain.includes('\u001b') || widthOf(line) !== plain.length) return null;
    out += ' '.repeat(x - column) + line;
    column = x + plain.length;
  }
  return out.trimEnd();
}

/** One row through Ink's own Output: the same characters, styles and trimming Ink would give. */
function rasterize(segments: readonly { x: number; line: string }[], width: number): string {
  const output = new InkOutput({ width, height: 1 });
  for (const { x, line } of segments) output.write(x, 0, line, { transformers: [] });
  return output.get().output;
}
