// lbtop's measureText (src/ui/ink-output/measure-text.ts), which the bundle gives Ink in place of its own: the
// same sizes as Ink's, and a cache that stays bounded however many different texts a long session measures
// (Ink's own kept every one: the table, new at every poll, piled up for as long as lbtop ran).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import measureText, { cachedTextChars, MAX_CACHED_CHARS } from '../../src/ui/ink-output/measure-text.js';

type Measure = (text: string) => { width: number; height: number };
// Ink exports only its entry: its own measureText is loaded by file, as RowCachedOutput loads Ink's Output.
const inkMeasure = async (): Promise<Measure> =>
  ((await import(pathToFileURL(path.resolve('node_modules/ink/build/measure-text.js')).href)) as { default: Measure }).default;

describe('measureText in place of Ink’s', () => {
  it('answers what Ink’s answers', async () => {
    const ink = await inkMeasure();
    const texts = [
      '', 'a', 'srv00001  UP  L4OK', 'line one\nline two is longer\n', '\n\n', 'tab\there',
      '\u001b[1m\u001b[38;5;116mlbtop 0.1.0\u001b[39m\u001b[22m', '\u001b[7m selected \u001b[27m\nnext',
      '日本語のサーバー', 'café ﬁ', '👩‍💻 on call', 'e\u0301\u0301 combining', 'ｆｕｌｌ／ｗｉｄｔｈ',
      'x'.repeat(5000), `${'row\n'.repeat(49)}last`,
    ];
    for (const text of texts) expect(measureText(text), JSON.stringify(text.slice(0, 30))).toEqual(ink(text));
  });

  it('keeps its cache bounded while a session measures a new table at every frame', () => {
    const table = (frame: number) => Array.from({ length: 50 }, (_, row) => `srv${String(row).padStart(5, '0')} UP ${frame * 50 + row}`.padEnd(200)).join('\n');
    let cachedMost = 0;
    for (let frame = 0; frame < 600; frame++) {
      expect(measureText(table(frame))).toEqual({ width: 200, height: 50 });
      cachedMost = Math.max(cachedMost, cachedTextChars());
    }
    // 600 frames of ~10,000 characters each: 6 million characters if every one were kept.
    expect(cachedMost).toBeLessThanOrEqual(MAX_CACHED_CHARS);
    expect(cachedMost).toBeGreaterThan(MAX_CACHED_CHARS / 2);
    // A text met again right away is still answered from the cache (the same object).
    const again = table(1000);
    expect(measureText(again)).toBe(measureText(again));
  });
});
