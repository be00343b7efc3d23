// matchRouteHead against the regex it replaced, on random lines made of the tokens that regex cares about: the
// same captures on every line, or null for both. The old regex is kept here as the oracle (short lines only:
// it is the super-linear one).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchRouteHead } from '../../../src/sources/bird/route-head.js';

const OLD = /^(\S+)?\s+(.*?)\s*\[(\S+) ([^\]]*?)(?: from (\S+))?\]\s*(\*)?\s*\((\d+)(?:\/[^)]*)?\)(?:\s*\[[^\]]*\])?\s*$/;

function oracle(line: string) {
  const m = OLD.exec(line);
  return m && { network: m[1], what: m[2], protocol: m[3], since: m[4], primary: m[6] === '*', preference: m[7], from: m[5] };
}

const TOKENS = [
  ' ', ' ', ' ', '\t', '\r', '\n', '\u2028', '\u00a0', '[', '[', ']', ']', '(', ')', '*', '/', ' from ', 'from', '1', '100', '12:34',
  'bgp1', 'a', 'i', '?', '-', 'via 10.98.0.2 on eth1', '172.16.0.0/24', 'unicast', ']x', '](1)', ' (100) ', ' [i]', '[bgp1 ',
];

describe('BIRD route head', () => {
  it('reads recorded lines', () => {
    expect(matchRouteHead('172.16.171.64/26   via 10.98.0.2 on eth1 [bgp1 12:34:22] * (100) [i]')).toEqual(
      oracle('172.16.171.64/26   via 10.98.0.2 on eth1 [bgp1 12:34:22] * (100) [i]'),
    );
    expect(matchRouteHead('     172.16.189.64/26     unicast [bgp1 12:34:10.863] * (100) [i]')?.network).toBeUndefined();
  });

  it('gives the regex’s captures on random lines', () => {
    const line = fc.array(fc.constantFrom(...TOKENS), { maxLength: 24 }).map((t) => t.join(''));
    const valid = fc
      .tuple(fc.constantFrom('', '10.0.0.0/8'), fc.constantFrom(' ', '   ', '\t'), line, fc.constantFrom('[bgp1 ', '[p '), line, fc.constantFrom('] * (100) [i]', ']  (1/2) ', '] (3)'))
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(line, valid), (text) => {
        expect(matchRouteHead(text)).toEqual(oracle(text));
      }),
      { seed: 20261207, numRuns: 20_000 },
    );
  });
});
