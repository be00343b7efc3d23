// StatParser keeps a row's identity across polls when its line changed only in the ages (lastchg, downtime,
// lastsess): what makes a 10,000-server poll cheap downstream. Recorded 10k reply from HAProxy 2.6.12.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors.js';
import { parseStat, StatParser } from '../../../src/sources/haproxy/parse-stat.js';

const text = readFileSync(new URL('../../../fixtures/haproxy/2.6/gen-10k/show-stat.txt', import.meta.url), 'utf8');
const header = text.slice(0, text.indexOf('\n')).slice(2).split(',');
const col = (name: string) => header.indexOf(name);

/** The same reply with one column rewritten on every data line (or only where `only` says). */
function rewrite(reply: string, column: number, value: (old: string) => string, only?: (fields: string[]) => boolean): string {
  return reply.split('\n').map((line, i) => {
    if (i === 0 || line === '') return line;
    const fields = line.split(',');
    if (only && !only(fields)) return line;
    fields[column] = value(fields[column]!);
    return fields.join(',');
  }).join('\n');
}

describe('StatParser across polls', () => {
  it('re-uses every row whose line changed only in lastchg/lastsess, and refreshes lastchg in place', () => {
    const parser = new StatParser();
    const first = parser.parse(text);
    const aged = rewrite(rewrite(text, col('lastchg'), (v) => (v === '' ? v : String(Number(v) + 7))), col('lastsess'), (v) => (v === '' ? v : String(Number(v) + 7)));
    const second = parser.parse(aged);
    expect(second.length).toBe(first.length);
    expect(second.every((row, i) => row === first[i])).toBe(true);
    // The ages are current: equal to a fresh parse of the new reply.
    const fresh = parseStat(aged);
    expect(second.map((r) => r.lastchg)).toEqual(fresh.map((r) => r.lastchg));
    expect(second.find((r) => r.lastchg !== null)!.lastchg).toBeGreaterThanOrEqual(7);
  });

  it('re-uses every row whose line changed only in check_duration, and refreshes it in place', () => {
    // With checks every 2 s the duration moves on most server lines between two full reads (0 ms, 1 ms, ...).
    const parser = new StatParser();
    const checked = rewrite(text, col('check_duration'), () => '0', (f) => f[1] !== 'FRONTEND' && f[1] !== 'BACKEND');
    const first = parser.parse(checked);
    const second = parser.parse(rewrite(checked, col('check_duration'), () => '12', (f) => f[1] !== 'FRONTEND' && f[1] !== 'BACKEND'));
    expect(second.every((row, i) => row === first[i])).toBe(true);
    expect(second.filter((r) => r.kind === 'server').every((r) => r.checkDuration === 12)).toBe(true);
    expect(second.find((r) => r.kind === 'frontend')!.checkDuration).toBeNull();
  });

  it('keeps a row while its health check runs ("* L7OK", code 0), and not once the check ends with another result', () => {
    const parser = new StatParser();
    const target = parseStat(text).find((r) => r.kind === 'server')!;
    const on = (f: string[]) => f[0] === target.proxy && f[1] === target.name;
    const check = (status: string, code: string) => rewrite(rewrite(text, col('check_status'), () => status, on), col('check_code'), () => code, on);
    const row = () => parser.parse(check(...current)).find((r) => r.proxy === target.proxy && r.name === target.name)!;
    let current: [string, string] = ['L7OK', '200'];
    const settled = row();
    current = ['* L7OK', '0'];
    expect(row()).toBe(settled);
    expect([settled.checkStatus, settled.checkCode]).toEqual(['L7OK', 200]);
    current = ['L7OK', '200'];
    expect(row()).toBe(settled);
    current = ['L7STS', '503'];
    const failed = row();
    expect(failed).not.toBe(settled);
    expect([failed.checkStatus, failed.checkCode]).toEqual(['L7STS', 503]);
    // A row first read while its check ran gives way to the settled one, with the check's real code.
    current = ['* L7STS', '0'];
    const fresh = new StatParser();
    const running = fresh.parse(check(...current)).find((r) => r.proxy === target.proxy && r.name === target.name)!;
    current = ['L7STS', '503'];
    const after = fresh.parse(check(...current)).find((r) => r.proxy === target.proxy && r.name === target.name)!;
    expect(after).not.toBe(running);
    expect(after.checkCode).toBe(503);
  });

  it('parses a row afresh when anything else on its line changed', () => {
    const parser = new StatParser();
    const first = parser.parse(text);
    const target = first.find((r) => r.kind === 'server')!;
    const changed = rewrite(text, col('scur'), () => '42', (f) => f[0] === target.proxy && f[1] === target.name);
    const second = parser.parse(changed);
    const after = second.find((r) => r.proxy === target.proxy && r.name === target.name)!;
    expect(after).not.toBe(target);
    expect(after.scur).toBe(42);
    expect(second.filter((r, i) => r !== first[i])).toEqual([after]);
  });

  it('still refuses a damaged age, and a failed poll does not replace what the next poll compares with', () => {
    const parser = new StatParser();
    const first = parser.parse(text);
    const damaged = rewrite(text, col('lastchg'), (v) => (v === '' ? v : 'x1'), (f) => f[1] === first[3]!.name && f[0] === first[3]!.proxy);
    expect(() => parser.parse(damaged)).toThrow(ParseError);
    const third = parser.parse(text);
    expect(third.every((row, i) => row === first[i])).toBe(true);
  });

  it('gives what a fresh parse gives, poll after poll, while it alternates two line stores (shorter, longer, changed)', () => {
    const parser = new StatParser();
    const lines = text.split('\n');
    const shorter = [...lines.slice(0, 4000), ''].join('\n');
    const target = parseStat(text)[6000]!;
    const changed = rewrite(text, col('scur'), () => '7', (f) => f[0] === target.proxy && f[1] === target.name);
    let before = parser.parse(text);
    for (const reply of [shorter, text, changed, changed, shorter, changed]) {
      const rows = parser.parse(reply);
      expect(rows).toEqual(parseStat(reply));
      // A row equal to the previous poll's row at its place is that very object, never a left-over of an older one.
      const kept = rows.filter((row, i) => row === before[i]).length;
      const same = rows.filter((row, i) => before[i] !== undefined && JSON.stringify(row) === JSON.stringify(before[i])).length;
      expect(kept).toBe(same);
      before = rows;
    }
    expect(before.find((r) => r.proxy === target.proxy && r.name === target.name)!.scur).toBe(7);
  });

  it('starts over when the header changes (a reload into another version)', () => {
    const parser = new StatParser();
    const first = parser.parse(text);
    const lines = text.split('\n');
    lines[0] = `${lines[0]}extra_module_col,`;
    const wider = lines.map((line, i) => (i === 0 || line === '' ? line : `${line},`)).join('\n');
    const second = parser.parse(wider);
    expect(second[0]).not.toBe(first[0]);
    expect(second[0]).toEqual(first[0]);
  });
});
