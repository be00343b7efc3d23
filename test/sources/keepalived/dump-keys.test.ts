// The data dump's section headers and "key: value" splits against the regexes they replaced in issue 11 (cubic on
// a line of blanks): the same result on random lines made of what those regexes look at. Lines come trimmed and
// without line ends, as parseDumpTree hands them over.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sectionName, splitKey } from '../../../src/sources/keepalived/dump-tree.js';

function oldSplitKey(text: string): { key: string; value: string | null } {
  const eq = text.indexOf(' = ');
  if (eq >= 0) return { key: text.slice(0, eq).trim(), value: text.slice(eq + 3).trim() };
  if (text.endsWith(' =')) return { key: text.slice(0, -2).trim(), value: '' };
  const header = /^(.*?)\s*(?:\(\d+\))?\s*:\s*(.*)$/.exec(text);
  if (header) return { key: header[1] ?? '', value: header[2] === '' ? null : (header[2] ?? null) };
  return { key: text, value: null };
}
const oldSection = (body: string) => /^-+<\s*(.+?)\s*>-+$/.exec(body)?.[1] ?? null;

const TOKENS = [' ', ' ', '\t', '\u00a0', ':', ' = ', '=', '(', ')', '(2)', '1', 'Virtual IP', 'x', '-', '---', '<', '>', 'VRRP Topology'];
const line = fc.array(fc.constantFrom(...TOKENS), { maxLength: 20 }).map((t) => t.join(''));

describe('keepalived dump keys and headers', () => {
  it('splits keys as the old regex did', () => {
    expect(splitKey('Virtual IP (2):')).toEqual({ key: 'Virtual IP', value: null });
    fc.assert(fc.property(line.map((t) => t.trim()), (t) => {
      expect(splitKey(t)).toEqual(oldSplitKey(t));
    }), { seed: 20261207, numRuns: 20_000 });
  });

  it('finds section names as the old regex did (names that are not all blanks)', () => {
    expect(sectionName('------< VRRP Topology >------')).toBe('VRRP Topology');
    const header = fc.tuple(fc.constantFrom('', '-', '---'), line, fc.constantFrom('', '-', '--')).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(line, header.map((h) => `-<${h}>-`), header), (t) => {
        const old = oldSection(t);
        expect(sectionName(t)).toBe(old === null || old.trim() === '' ? null : old);
      }),
      { seed: 20261207, numRuns: 20_000 },
    );
  });
});
