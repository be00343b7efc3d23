// diffSnapshots when only `show servers state` moved (the stat rows are the same objects): the admin change of the
// one server whose state is a new object is found, and no other server is looked at by name. Recorded 10k replies
// from HAProxy 2.6.12.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SrvAdmin, type HaproxySnapshot } from '../../src/model/haproxy.js';
import { parseInfo } from '../../src/sources/haproxy/parse-info.js';
import { parseServersState } from '../../src/sources/haproxy/parse-servers-state.js';
import { parseStat } from '../../src/sources/haproxy/parse-stat.js';
import { diffSnapshots } from '../../src/store/diff.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/haproxy/2.6/gen-10k/${name}`, import.meta.url), 'utf8');

describe('diffSnapshots with the same rows and moved server states', () => {
  const stats = parseStat(fixture('show-stat.txt'));
  const servers = parseServersState(fixture('show-servers-state.txt'));
  const before: HaproxySnapshot = { info: parseInfo(fixture('show-info.txt')), stats, servers, at: 1_000, latencyMs: 1 };

  it('reports the admin change of the server whose state moved, and nothing for the others', () => {
    const ready = [...servers].filter(([, s]) => s.adminState === 0).map(([key]) => key);
    const [first, last] = [ready[0]!, ready[ready.length - 1]!];
    const moved = new Map(servers);
    moved.set(first, { ...servers.get(first)!, adminState: SrvAdmin.FDRAIN });
    moved.set(last, { ...servers.get(last)!, adminState: SrvAdmin.FMAINT });
    const after: HaproxySnapshot = { ...before, servers: moved, at: 2_000 };
    const events = diffSnapshots('lb', before, after).events.map((e) => `${e.kind} ${e.subject} ${e.from} ${e.to}`);
    expect(events).toEqual([`admin ${first} ready drain`, `admin ${last} ready maint`]);
  });

});
