// The screen writer's bytes for frames as Ink writes them: nothing for a frame that changes no cell, a few bytes
// for a changed cell (at the right column after wide characters), the rest of a row erased when a frame is
// shorter, everything after a resize, and no escape sequence of the frame's text reaching the terminal but SGR.
import { beforeAll, describe, expect, it } from 'vitest';
import { BEGIN_SYNC, CLEAR, ScreenWriter } from '../../src/ui/screen/screen-writer.js';
import { loadFullWidth } from '../../src/ui/text-width.js';

// Hostile text below (a combining accent) is measured by string-width, which the UI loads with Ink.
beforeAll(loadFullWidth);

const SIZE = { columns: 40, rows: 6 };
const red = (s: string) => `\x1b[31m${s}\x1b[39m`;
const bold = (s: string) => `\x1b[1m${s}\x1b[22m`;

/** A writer that has drawn `frame` already. */
function drawn(frame: string, size = SIZE): ScreenWriter {
  const writer = new ScreenWriter();
  writer.update(frame, size);
  return writer;
}

/** Every escape sequence in `bytes`. */
const escapes = (bytes: string) => bytes.match(/\x1b(\[[0-9;?:]*[ -/]*[@-~]|\][^\x07]*\x07|.)/g) ?? [];

describe('ScreenWriter', () => {
  const frame = ['lbtop 0.1.0', `NAME   ${bold('W')} CHECK`, `srv1   1 ${red('DOWN')}`, 'srv2   1 UP'].join('\n');

  it('draws the first frame whole on a cleared screen, and the same frame again as nothing', () => {
    const writer = new ScreenWriter();
    const first = writer.update(frame, SIZE);
    expect(first).toContain(CLEAR);
    expect(first).toContain('lbtop 0.1.0');
    expect(first).toContain('\x1b[31mDOWN');
    expect(writer.update(frame, SIZE)).toBe('');
  });

  it('writes one changed cell as a cursor move and that cell', () => {
    const writer = drawn(frame);
    const bytes = writer.update(frame.replace('srv2   1', 'srv2   7'), SIZE);
    expect(bytes).toBe('\x1b[4;8H7');
  });

  it('changes only the SGR a cell needs, and keeps the pen for the next update until released', () => {
    const writer = drawn(frame);
    const bytes = writer.update(frame.replace(red('DOWN'), `\x1b[31m\x1b[1mDOWN\x1b[22m\x1b[39m`), SIZE);
    expect(bytes).toBe('\x1b[3;10H\x1b[1;31mDOWN');
    // Still bold red: the next cell in that pen needs no SGR; a default one sets what differs.
    expect(writer.update(frame.replace(red('DOWN'), `\x1b[31m\x1b[1mDOWX\x1b[22m\x1b[39m`), SIZE)).toBe('\x1b[3;13HX');
    expect(writer.update(frame.replace(red('DOWN'), `\x1b[31m\x1b[1mDOWX\x1b[22m\x1b[39m`).replace('srv2   1', 'srv2   2'), SIZE)).toBe('\x1b[4;8H\x1b[0m2');
    expect(writer.release()).toBe('');
    writer.update(frame.replace(red('DOWN'), red('DOWZ')).replace('srv2   1', 'srv2   2'), SIZE);
    expect(writer.release()).toBe('\x1b[0m');
    // Only the colour moves: the letters stay.
    expect(drawn(frame).update(frame.replace(red('DOWN'), '\x1b[32mDOWN\x1b[39m'), SIZE)).toBe('\x1b[3;10H\x1b[32mDOWN');
  });

  it('puts a cell after wide characters in its column, and rewrites a wide character from its left half', () => {
    const wide = 'ab日本c';
    const writer = drawn(wide);
    // a b 日 日 本 本 c: "c" is column 7.
    expect(writer.update('ab日本d', SIZE)).toBe('\x1b[1;7Hd');
    // 本 → 木 (both wide): written from column 5.
    expect(writer.update('ab日木d', SIZE)).toBe('\x1b[1;5H木');
    // A wide character turned into two narrow ones: both cells written.
    expect(writer.update('ab日xyd', SIZE)).toBe('\x1b[1;5Hxy');
    // A wide character that would straddle the last column is not drawn half.
    const edge = drawn('x'.repeat(39) + '日', SIZE);
    expect(edge.update('x'.repeat(39) + '日', SIZE)).toBe('');
    expect(new ScreenWriter().update('x'.repeat(39) + '日', SIZE)).not.toContain('日');
  });

  it('erases what a shorter frame no longer has', () => {
    const writer = drawn(frame);
    const bytes = writer.update(['lbtop 0.1.0', 'NAME'].join('\n'), SIZE);
    // Row 2 from its first changed cell ("W"), and the whole of rows 3 and 4: erased to the end of the line.
    expect(bytes).toBe('\x1b[2;8H\x1b[K\x1b[3H\x1b[K\x1b[B\x1b[K');
    expect(writer.update(['lbtop 0.1.0', 'NAME'].join('\n'), SIZE)).toBe('');
  });

  it('draws everything again after a resize', () => {
    const writer = drawn(frame);
    const bytes = writer.update(frame, { columns: 30, rows: 6 });
    expect(bytes).toContain(CLEAR);
    expect(bytes).toContain('srv2');
    writer.invalidate();
    expect(writer.update(frame, { columns: 30, rows: 6 })).toContain('lbtop 0.1.0');
  });

  it('wraps a large update in synchronized-output markers, not a small one', () => {
    const big = Array.from({ length: 10 }, (_, i) => `row ${i} ${'x'.repeat(90)}`).join('\n');
    expect(new ScreenWriter().update(big, { columns: 100, rows: 10 }).startsWith(BEGIN_SYNC)).toBe(true);
    expect(drawn(frame).update(frame.replace('srv2', 'srv3'), SIZE).startsWith(BEGIN_SYNC)).toBe(false);
  });

  it('lets no escape sequence of hostile text through but SGR, and keeps the columns', () => {
    const hostile = `srv\x1b[2J\x1b[10;10H\x1b]0;owned\x07\x1b]8;;http://x\x1b\\\x1bcA\r\b\t\x07\x9b31mB\x1b[5n` + red('C') + '\x1b';
    const bytes = new ScreenWriter().update(`${hostile}\nnext`, SIZE);
    const allowed = /^\x1b\[(\d+(;\d+)?H|\d*[BCD]|[\d;]*m|K|2J|H|\?2026[hl])$/;
    expect(escapes(bytes).filter((e) => !allowed.test(e))).toEqual([]);
    expect(escapes(bytes).filter((e) => e === '\x1b[2J')).toHaveLength(1); // the writer's own clear, once
    // Controls take no column: "srvAB" then a red C, as string-width measured them for Ink's layout.
    const plain = bytes.replace(/\x1b\[[\d;?]*[A-Za-z]/g, '');
    expect(plain).toBe('srvA31mBCnext');
    // A combining accent stays on its letter; a lone zero-width space is not drawn.
    expect(new ScreenWriter().update('e\u0301x\u200by', SIZE).replace(/\x1b\[[\d;?]*[A-Za-z]/g, '')).toBe('e\u0301xy');
  });

  it('carries a colour left open at the end of a line to the next, as a terminal would', () => {
    const writer = drawn('\x1b[31mab\nc\x1b[39m');
    // Row 2's "c" is red: making it default changes that cell (the terminal's pen is still red from the last).
    expect(writer.update('\x1b[31mab\x1b[39m\nc', SIZE)).toBe('\x1b[2H\x1b[0mc');
  });
});
