// The background drift check compares with an LB's polled server states only while that LB's polls succeed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInfo } from '../../src/sources/haproxy/parse-info.js';
import { parseServersState } from '../../src/sources/haproxy/parse-servers-state.js';
import { parseStat } from '../../src/sources/haproxy/parse-stat.js';
import { FleetStore } from '../../src/store/fleet-store.js';
import { polledServerStates } from '../../src/store/selectors.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/haproxy/2.6/${name}`, import.meta.url), 'utf8');

describe('polledServerStates', () => {
  it('gives the last poll’s states while the LB answers, and null before the first poll or once it fails', () => {
    const store = new FleetStore([{ name: 'lb1', endpoint: 'unix:/lb1' }]);
    expect(polledServerStates(store, 'lb1')).toBeNull();
    const servers = parseServersState(fixture('gen-10k/show-servers-state.txt'));
    store.recordSuccess('lb1', { info: parseInfo(fixture('gen-10k/show-info.txt')), stats: parseStat(fixture('gen-10k/show-stat.txt')), servers, at: 1, latencyMs: 1 });
    expect(polledServerStates(store, 'lb1')).toBe(servers);
    store.recordFailure('lb1', new Error('connection refused'));
    expect(polledServerStates(store, 'lb1')).toBeNull();
    expect(polledServerStates(store, 'nope')).toBeNull();
  });
});
