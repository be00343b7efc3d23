// `$VAR`, `${VAR}`, `${VAR-default}` in haproxy.cfg (tokenize.ts) against the regex it replaced in issue 11 (that
// re-read every `${A-` up to the next "}": quadratic on a run of them), on random text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenizeLine, variableAt } from '../../../src/sources/haproxy/config/tokenize.js';

const OLD = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/;

describe('haproxy.cfg environment variables', () => {
  it('are read as the old regex read them', () => {
    const text = fc.array(fc.constantFrom('$', '{', '}', 'A', 'b_1', '9', '-', ' ', 'x'), { maxLength: 20 }).map((t) => `$${t.join('')}`);
    fc.assert(
      fc.property(text, (t) => {
        const m = OLD.exec(t);
        const close = t.indexOf('}') >>> 0;
        const want = m ? { name: m[1] ?? m[3], ...(m[2] !== undefined ? { fallback: m[2] } : {}), end: m[0].length } : null;
        expect(variableAt(t, 0, close)).toEqual(want);
      }),
      { seed: 20261207, numRuns: 20_000 },
    );
  });

  it('expands a line of 40,000 "${A-" in linear time', () => {
    const started = performance.now();
    expect(tokenizeLine(`"${'${A-'.repeat(40_000)}"`, 1, { env: { A: 'x' } })).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
