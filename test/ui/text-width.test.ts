// text-width.ts measures "simple" text without string-width: it must give string-width's answer wherever it
// answers, for every character of the BMP and for runs of them, and cut lines exactly as cli-truncate does.
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { charWidth, loadFullWidth, needsFullWidth, simpleWidth, truncateEnd } from '../../src/ui/text-width.js';

const bmp = () => {
  const chars: string[] = [];
  for (let code = 0x20; code <= 0xffff; code++) if (code < 0xd800 || code > 0xdfff) chars.push(String.fromCharCode(code));
  return chars;
};

describe('text widths without string-width', () => {
  it('gives string-width\'s width for every BMP character it calls simple, and calls the common ones simple', () => {
    const wrong: string[] = [];
    let simple = 0;
    for (const ch of bmp()) {
      const width = simpleWidth(ch);
      if (width === null) continue;
      simple++;
      if (width !== stringWidth(ch)) wrong.push(`U+${ch.charCodeAt(0).toString(16)} ${width} vs ${stringWidth(ch)}`);
    }
    expect(wrong).toEqual([]);
    // Box drawing, Latin-1, the ellipsis, arrows, CJK and Hiragana are measured without string-width.
    for (const text of ['│─┌┐└┘├┤', 'é·ü×', '…', '↑↓→←', '日本語', 'ひらがな', '▲▼●', 'lbtop 0.1.0 · DEMO']) expect(simpleWidth(text), text).not.toBeNull();
    expect(simple).toBeGreaterThan(40_000);
  });

  it('gives string-width\'s width for runs of simple characters next to each other (no grapheme spans two)', () => {
    // Neighbours of every kind a grapheme rule looks at: after a letter of each script, before each, in pairs.
    const chars = bmp().filter((ch) => simpleWidth(ch) !== null);
    let seed = 3;
    const pick = () => chars[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % chars.length]!;
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const run = pick() + pick() + pick();
      if (simpleWidth(run) !== stringWidth(run)) wrong.push(run);
    }
    expect(wrong).toEqual([]);
  });

  it('leaves to string-width what it cannot answer: marks, jamo, emoji, controls; and says so until it is loaded', async () => {
    for (const text of ['e\u0301', '\u1100\u1161', '가', '👍', '❤️', 'a\u200db', '\x07', 'ก\u0e33', '\u0600a']) expect(simpleWidth(text), JSON.stringify(text)).toBeNull();
    expect(needsFullWidth('\x1b[31msrv-👍\x1b[39m\nnext')).toBe(true);
    expect(needsFullWidth('\x1b[31m│ srv1\x1b[39m\nnext …')).toBe(false);
    await loadFullWidth();
    expect(charWidth('👍')).toBe(2);
    expect(charWidth('e\u0301')).toBe(1);
    expect(needsFullWidth('👍')).toBe(false); // loaded: nothing more to load
  });

  it('cuts a line as cli-truncate does, colours included', async () => {
    await loadFullWidth();
    const lines = ['lbtop 0.1.0 │ DRIFT ? (not checked everywhere)', '\x1b[1m\x1b[38;5;111mbe_0001\x1b[39m\x1b[22m │ 日本語 server', 'short', '', '👍 emoji first', '\x1b[31mé…\x1b[39m'];
    for (const line of lines) {
      for (const columns of [0, 1, 2, 5, 10, 20, 80]) expect(truncateEnd(line, columns), `${JSON.stringify(line)} at ${columns}`).toBe(cliTruncate(line, columns, { position: 'end' }));
    }
  });
});
