// RowCachedOutput (put in place of Ink 6.8's Output by scripts/bundle.mjs) must produce what Ink's own
// Output produces, frame after frame: same visible characters, same styles, the re-used rows included.
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import RowCachedOutput from '../../src/ui/ink-output/row-cached-output.js';

type Transformer = (line: string, index: number) => string;
interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
const inkEntry = createRequire(import.meta.url).resolve('ink');
const { default: InkOutput } = (await import(pathToFileURL(inkEntry.replace(/index\.js$/, 'output.js')).href)) as {
  default: new (o: { width: number; height: number }) => OutputLike;
};

const red = (s: string) => `\u001b[31m${s}\u001b[39m`;
const inverse = (s: string) => `\u001b[7m${s}\u001b[27m`;
type Op = (o: OutputLike) => void;

/** A frame like lbtop's: a header, a clipped table of styled rows, a footer; `tick` changes a few cells. */
function frame(tick: number): Op[] {
  const ops: Op[] = [];
  ops.push((o) => o.write(0, 0, `lbtop 0.1.0 ${red('lb1 ok')} ${tick}ms`, { transformers: [] }));
  ops.push((o) => o.clip({ x1: 0, x2: 60, y1: 1, y2: 9 }));
  for (let i = 0; i < 12; i++) {
    const row = `  srv${String(i).padStart(5, '0')} ${i % 3 === 0 ? red('DOWN') : 'UP  '}  ${String((i * tick) % 97).padStart(4)} ${'x'.repeat(50)}`;
    ops.push((o) => o.write(0, 1 + i, i === tick % 12 ? inverse(row) : row, { transformers: [] }));
  }
  ops.push((o) => o.unclip());
  ops.push((o) => o.write(0, 9, 'wide: 日本語 ok', { transformers: [(line) => line.toUpperCase()] }));
  // Overlapping writes on one row: a later write covers part of an earlier one.
  ops.push((o) => o.write(0, 10, '..................', { transformers: [] }));
  ops.push((o) => o.write(5, 10, red('over'), { transformers: [] }));
  ops.push((o) => o.write(0, 11, ' / filter  q quit', { transformers: [] }));
  // Side by side on one row (the header's boxes): nested styles, box-drawing characters, trailing blanks.
  ops.push((o) => o.write(0, 12, `\u001b[1m${red('LBs')}\u001b[22m lb1 ok │ `, { transformers: [] }));
  ops.push((o) => o.write(30, 12, inverse(` row ${tick}/6 `) + '   ', { transformers: [] }));
  return ops;
}

function render(Output: new (o: { width: number; height: number }) => OutputLike, ops: Op[]): string {
  const output = new Output({ width: 80, height: 14 });
  for (const op of ops) op(output);
  return output.get().output;
}

describe('RowCachedOutput', () => {
  it('gives exactly what Ink gives, on first sight and when rows are re-used across frames', () => {
    for (const tick of [1, 2, 2, 3, 14, 3]) {
      expect(render(RowCachedOutput as never, frame(tick))).toBe(render(InkOutput, frame(tick)));
    }
  });

  it('drops writes outside the clip and cuts those across it, as Ink does', () => {
    const ops: Op[] = [
      (o) => o.clip({ x1: 2, x2: 10, y1: 0, y2: 2 }),
      (o) => o.write(0, 0, red('abcdefghijklmnop'), { transformers: [] }),
      (o) => o.write(20, 1, 'outside', { transformers: [] }),
      (o) => o.write(0, 3, 'below', { transformers: [] }),
      (o) => o.unclip(),
    ];
    const ours = render(RowCachedOutput as never, ops);
    expect(ours).toBe(render(InkOutput, ops));
    expect(ours).not.toContain('outside');
  });
});

