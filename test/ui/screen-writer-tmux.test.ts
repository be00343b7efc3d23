// The screen writer against a real terminal (tmux): a run of frames drawn one after the other, each as only its
// changed cells, must leave exactly the screen that writing the last frame plainly leaves, styles included. The frames mix colours, bold, backgrounds, wide characters and accents, and
// shrink and grow.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLine } from '../../src/ui/screen/cells.js';
import { PenTable } from '../../src/ui/screen/pen.js';
import { ScreenWriter } from '../../src/ui/screen/screen-writer.js';

const SIZE = { columns: 30, rows: 8 };
const server = `lbtop-screen-${process.pid}`;
const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-screen-'));
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', server, '-f', '/dev/null', ...args], { encoding: 'utf8', timeout: 10_000 });

afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    // never started
  }
  rmSync(dir, { recursive: true, force: true });
});

/** The screen tmux shows after `bytes` are written to a fresh pane of SIZE: text, and text with its SGR. */
async function shown(name: string, bytes: string): Promise<{ text: string; styled: string }> {
  const file = path.join(dir, name);
  // The pane's title, set after the bytes in the same stream, says tmux has taken them all in.
  writeFileSync(file, `${bytes}\x1b]2;drawn-${name}\x07`);
  tmux('new-session', '-d', '-s', name, '-x', String(SIZE.columns), '-y', String(SIZE.rows), `stty raw -echo; cat ${file}; exec sleep 600`);
  tmux('set', '-g', 'status', 'off');
  for (let i = 0; tmux('display', '-p', '-t', name, '#{pane_title}').trim() !== `drawn-${name}`; i++) {
    if (i > 100) throw new Error(`tmux did not draw ${name}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { text: tmux('capture-pane', '-p', '-t', name), styled: tmux('capture-pane', '-p', '-e', '-t', name) };
}

/** The frame as a terminal shows it written plainly: each line at the start of its row, its SGR as it is. */
function naive(frame: string): string {
  return `\x1b[H\x1b[2J${frame.split('\n').map((line, y) => `\x1b[${y + 1}H${line}`).join('')}\x1b[0m`;
}

/** Deterministic frames: lines of words, some coloured, bold or on a background, some wide; lengths vary. */
function frames(count: number): string[] {
  let seed = 7;
  const rand = (n: number) => Math.floor((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 65536) % n;
  const words = ['srv1', 'UP', 'DOWN', '日本', '42s', 'é', 'MAINT', 'be_0001', '5m', '木', 'x'];
  const styles = [(s: string) => s, (s: string) => `\x1b[31m${s}\x1b[39m`, (s: string) => `\x1b[1m${s}\x1b[22m`, (s: string) => `\x1b[44m\x1b[97m${s}\x1b[39m\x1b[49m`];
  const out: string[] = [];
  for (let f = 0; f < count; f++) {
    const lines: string[] = [];
    for (let y = 0; y < 2 + rand(SIZE.rows - 1); y++) {
      const line: string[] = [];
      for (let w = 0; w < rand(6); w++) {
        const word = words[rand(words.length)]!;
        if (stringWidth(line.join(' ')) + 1 + stringWidth(word) > SIZE.columns) break;
        line.push(styles[rand(styles.length)]!(word));
      }
      // No trailing space, as Ink's lines have none (tmux's capture draws a written space and an untouched
      // cell alike, but not the SGR codes around them).
      lines.push(line.join(' '));
    }
    out.push(lines.join('\n'));
  }
  return out;
}

/**
 * tmux's `capture-pane -e` as cells: its SGR carries over lines, and where it puts a code depends on how a cell
 * was last written (a space written or erased, or never touched), so the text itself is not comparable.
 */
function cells(captured: string): string[] {
  const pens = new PenTable();
  let pen = 0;
  return captured.split('\n').slice(0, SIZE.rows).map((line) => {
    const { row, end } = parseLine(line, SIZE.columns, pen, pens);
    pen = end;
    return row.chars.slice(0, row.blankFrom).map((ch, x) => `${ch}${JSON.stringify(pens.pen(row.pens[x]!))}`).join('');
  });
}

const plain = (frame: string) => frame.replace(/\x1b\[[\d;]*m/g, '').split('\n').map((l) => [...l].slice(0, SIZE.columns).join('').trimEnd());

describe('ScreenWriter on a real terminal', () => {
  it('draws a run of frames as changed cells into the same screen as the last frame written plainly', async () => {
    const all = frames(60);
    const writer = new ScreenWriter();
    let incremental = '';
    let styled = 0;
    for (const [i, frame] of all.entries()) {
      incremental += writer.update(frame, SIZE);
      if ((i + 1) % 15 !== 0) continue;
      const a = await shown(`incremental-${i}`, incremental);
      const b = await shown(`naive-${i}`, naive(frame));
      expect(cells(a.styled)).toEqual(cells(b.styled));
      expect(a.text.split('\n').slice(0, SIZE.rows).map((l) => l.trimEnd())).toEqual([...plain(frame), ...Array(SIZE.rows).fill('')].slice(0, SIZE.rows));
      if (a.styled.includes('\x1b[')) styled++;
    }
    // Styles were compared, not only text.
    expect(styled).toBeGreaterThan(0);
  });

  it('reaches scattered changed cells by relative moves (down, forward, back; absolute after the last column) to the same screen', async () => {
    // A table whose digits change here and there from frame to frame, as counters do, the last column included
    // (where the terminal is left with a pending wrap).
    let seed = 11;
    const rand = (n: number) => Math.floor((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 65536) % n;
    const grid = Array.from({ length: SIZE.rows }, (_, y) => `srv${y} ${'0'.repeat(SIZE.columns - 5)}`.split(''));
    const writer = new ScreenWriter();
    let incremental = '';
    let frame = '';
    for (let f = 0; f < 40; f++) {
      for (let k = 0; k < 1 + rand(4); k++) grid[rand(SIZE.rows)]![5 + rand(SIZE.columns - 5)] = String(rand(10));
      // A counter column that moves on row after row, and a cell near the left edge below a change further right.
      for (let y = f % 2; y < SIZE.rows; y += 2) grid[y]![12 + (f % 3)] = String((f + y) % 10);
      grid[(f + 3) % SIZE.rows]![5 + (f % 2)] = String(f % 10);
      frame = grid.map((line, y) => (y % 3 === 1 ? `\x1b[1m${line.join('')}\x1b[22m` : line.join(''))).join('\n');
      incremental += writer.update(frame, SIZE);
    }
    for (const code of ['B', 'C', 'D']) expect(incremental).toMatch(new RegExp(`\x1b\\[\\d*${code}`));
    const a = await shown('relative', incremental);
    const b = await shown('relative-naive', naive(frame));
    expect(cells(a.styled)).toEqual(cells(b.styled));
    expect(a.text.split('\n').slice(0, SIZE.rows)).toEqual(plain(frame));
  });
});
