// FleetBuilder re-uses a logical backend whose rows are the same objects as in the previous build, and builds
// exactly what buildFleet builds. Rows come from the recorded seed-000 reply of HAProxy 2.6.12.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LbState } from '../../src/model/fleet.js';
import type { HaproxySnapshot } from '../../src/model/haproxy.js';
import { parseInfo } from '../../src/sources/haproxy/parse-info.js';
import { parseServersState } from '../../src/sources/haproxy/parse-servers-state.js';
import { StatParser } from '../../src/sources/haproxy/parse-stat.js';
import { FleetStore } from '../../src/store/fleet-store.js';
import { buildFleet, FleetBuilder } from '../../src/store/selectors.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/haproxy/2.6/${name}`, import.meta.url), 'utf8');
const STAT = fixture('gen-10k/show-stat.txt');
const INFO = parseInfo(fixture('gen-10k/show-info.txt'));
const SERVERS = parseServersState(fixture('gen-10k/show-servers-state.txt'));

function lbsFrom(parsers: StatParser[], stat: (lb: number) => string): Map<string, LbState> {
  const store = new FleetStore(parsers.map((_, i) => ({ name: `lb${i + 1}`, endpoint: `unix:/lb${i + 1}` })));
  parsers.forEach((parser, i) => {
    const snapshot: HaproxySnapshot = { info: INFO, stats: parser.parse(stat(i)), servers: SERVERS, at: 1000, latencyMs: 1 };
    store.recordSuccess(`lb${i + 1}`, snapshot);
  });
  return new Map(store.getState().lbs);
}

describe('FleetBuilder', () => {
  it('builds what buildFleet builds, and re-uses every backend when no row changed', () => {
    const parsers = [new StatParser(), new StatParser()];
    const builder = new FleetBuilder();
    const first = builder.build({ clusters: [] }, lbsFrom(parsers, () => STAT));
    expect(first).toEqual(buildFleet({ clusters: [] }, lbsFrom([new StatParser(), new StatParser()], () => STAT)));
    const second = builder.build({ clusters: [] }, lbsFrom(parsers, () => STAT));
    const backends = (f: typeof first) => f.clusters.flatMap((c) => c.backends);
    expect(backends(second).length).toBe(100);
    expect(backends(second).every((b, i) => b === backends(first)[i])).toBe(true);
  });

  it('hands out the same clusters on the quiet build right after a change, so the table is not flattened again', () => {
    const parsers = [new StatParser()];
    const builder = new FleetBuilder();
    const config = { clusters: [] };
    builder.build(config, lbsFrom(parsers, () => STAT));
    const edited = STAT.replace(/,(no check|UP|DOWN|MAINT),/, ',DRAIN,');
    const changed = builder.build(config, lbsFrom(parsers, () => edited));
    const quiet = builder.build(config, lbsFrom(parsers, () => edited));
    expect(quiet.clusters).toBe(changed.clusters);
    const next = builder.build(config, lbsFrom(parsers, () => STAT));
    expect(next.clusters).not.toBe(changed.clusters);
  });

  it('rebuilds only the backend whose server changed on one LB', () => {
    const parsers = [new StatParser(), new StatParser()];
    const builder = new FleetBuilder();
    const first = builder.build({ clusters: [] }, lbsFrom(parsers, () => STAT));
    const target = first.clusters[0]!.backends[7]!;
    const server = target.servers[2]!;
    // One field changes on lb2 only: its status.
    const edited = STAT.split('\n').map((line) => (line.startsWith(`${target.name},${server.name},`) ? line.replace(/,(no check|UP|DOWN|MAINT),/, ',DRAIN,') : line)).join('\n');
    const second = builder.build({ clusters: [] }, lbsFrom(parsers, (lb) => (lb === 1 ? edited : STAT)));
    const changed = second.clusters[0]!.backends.filter((b, i) => b !== first.clusters[0]!.backends[i]);
    expect(changed.map((b) => b.name)).toEqual([target.name]);
    expect(changed[0]!.servers[2]!.perLb.lb2!.row.status).toBe('DRAIN');
    expect(changed[0]!.servers[2]!.perLb.lb1!.row).toBe(server.perLb.lb1!.row);
  });
});
