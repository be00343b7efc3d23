// Fuzz: BIRD's `show protocols [all]`, `show route` and `show route count` replies in all three shapes (birdc -v,
// plain birdc, raw socket), on mutations of the 2.0.12 and 1.6.8 recordings.
import { describe, it } from 'vitest';
import { parseBirdProtocols, parseBirdProtocolsAll } from '../../src/sources/bird/protocols.js';
import { BirdCommandError } from '../../src/sources/bird/reply.js';
import { parseBirdRouteCount, parseBirdRoutes } from '../../src/sources/bird/routes.js';
import { expectRobust, TIMEOUT_MS, type Target } from './run.js';

const B = 'bird/';
const both = (v: string[]) => v.flatMap((f) => [`${B}2.0.12-${f}`, `${B}1.6.8-${f}`]);
const errors = [BirdCommandError];
/** Each reply read as `birdc -v` prints it and as the raw control socket sends it. */
const forms = <T>(parse: (text: string, form?: 'birdc' | 'socket') => T) => (t: string) => {
  const out: T[] = [];
  for (const form of ['birdc', 'socket'] as const) {
    try {
      out.push(parse(t, form));
    } catch (error) {
      if (form === 'socket') throw error;
    }
  }
  return out;
};

export const TARGETS: Target[] = [
  { name: 'parseBirdProtocols', fixtures: [...both(['v-show-protocols.txt', 'show-protocols.txt', 'raw-show-protocols.txt']), `${B}2.0.12-v-r-show-protocols.txt`], parse: forms(parseBirdProtocols), errors, runs: 5000 },
  { name: 'parseBirdProtocolsAll', fixtures: both(['v-show-protocols-all-bgp1.txt', 'show-protocols-all-bgp2.txt']), parse: forms(parseBirdProtocolsAll), errors, runs: 5000 },
  { name: 'parseBirdRoutes', fixtures: [...both(['v-show-route-protocol-bgp1.txt', 'show-route-protocol-bgp1.txt', 'v-show-route-protocol-nosuch.txt', 'v-r-show-route-all.txt', 'r-show-route-protocol-worker2.txt']), `${B}2.0.12-v-r-show-route-protocol-static.txt`], parse: forms(parseBirdRoutes), errors, runs: 6000 },
  { name: 'parseBirdRouteCount', fixtures: both(['v-show-route-count.txt', 'show-route-count.txt', 'raw-show-route-count.txt']), parse: forms(parseBirdRouteCount), errors, runs: 3000 },
];

describe('fuzz: BIRD', () => {
  for (const target of TARGETS) it(`${target.name}: ${target.runs} inputs`, () => void expectRobust(target), TIMEOUT_MS);
});
