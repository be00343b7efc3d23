// FleetBuilder re-uses a logical backend whose rows are the same objects as in the previous build, and builds
// exactly what buildFleet builds. Rows come from the recorded seed-000 reply of HAProxy 2.6.12.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LbState } from '../../src/model/fleet.js';
import type { HaproxySnapshot, ServerState } from '../../src/model/haproxy.js';
import { parseInfo } from '../../src/sources/haproxy/parse-info.js';
import { parseServersState } from '../../src/sources/haproxy/parse-servers-state.js';
import { StatParser } from '../../src/sources/haproxy/parse-stat.js';
import { FleetStore } from '../../src/store/fleet-store.js';
import { buildFleet, FleetBuilder } from '../../src/store/selectors.js';
import { flattenFleet } from '../../src/ui/rows/flatten.js';

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

  /** STAT with one field of these servers' lines replaced (column `column`, 0-based). */
  const edit = (servers: string[], column: number, value: string) =>
    STAT.split('\n').map((line) => {
      const fields = line.split(',');
      if (!servers.includes(`${fields[0]},${fields[1]}`)) return line;
      fields[column] = value;
      return fields.join(',');
    }).join('\n');
  const STOT = STAT.split('\n')[0]!.slice(2).split(',').indexOf('stot');

  it('with counters moving on a few servers, rebuilds their backends only and keeps their unchanged servers and table rows', () => {
    const parsers = [new StatParser(), new StatParser()];
    const builder = new FleetBuilder();
    const first = builder.build({ clusters: [] }, lbsFrom(parsers, () => STAT));
    const rowsBefore = flattenFleet(first, { filter: '', expanded: true });
    const a = first.clusters[0]!.backends[3]!;
    const b = first.clusters[0]!.backends[60]!;
    const moved = [`${a.name},${a.servers[1]!.name}`, `${b.name},${b.servers[4]!.name}`];
    const lbs = lbsFrom(parsers, (lb) => (lb === 0 ? edit(moved, STOT, '424242') : STAT));
    const second = builder.build({ clusters: [] }, lbs);
    // What a fresh build of the same rows gives.
    expect(second).toEqual(buildFleet({ clusters: [] }, lbs));
    const backends = second.clusters[0]!.backends;
    expect(backends.filter((x, i) => x !== first.clusters[0]!.backends[i]).map((x) => x.name)).toEqual([a.name, b.name]);
    const servers = backends[3]!.servers;
    expect(servers[1]!.perLb.lb1!.row.stot).toBe(424242);
    expect(servers.filter((x, i) => x !== a.servers[i]).map((x) => x.name)).toEqual([a.servers[1]!.name]);
    // Table rows: only the moved servers' (own and per-LB) and their backends' rows are new objects (and the
    // cluster's heading, made on each flatten).
    const rowsAfter = flattenFleet(second, { filter: '', expanded: true });
    expect(rowsAfter.length).toBe(rowsBefore.length);
    const fresh = rowsAfter.filter((row, i) => row !== rowsBefore[i] && row.kind !== 'cluster').map((row) => row.ref);
    expect(fresh).toEqual([
      a.name, `${a.name}/${a.servers[1]!.name}`, `${a.name}/${a.servers[1]!.name}@lb1`, `${a.name}/${a.servers[1]!.name}@lb2`,
      b.name, `${b.name}/${b.servers[4]!.name}`, `${b.name}/${b.servers[4]!.name}@lb1`, `${b.name}/${b.servers[4]!.name}@lb2`,
    ]);
  });

  it('rebuilds the backend of a server whose servers state changed, and everything when a server appears', () => {
    const parsers = [new StatParser()];
    const builder = new FleetBuilder();
    const store = new FleetStore([{ name: 'lb1', endpoint: 'unix:/lb1' }]);
    const record = (stat: string, servers: Map<string, ServerState>) =>
      store.recordSuccess('lb1', { info: INFO, stats: parsers[0]!.parse(stat), servers, at: 1000, latencyMs: 1 });
    record(STAT, SERVERS);
    const first = builder.build({ clusters: [] }, new Map(store.getState().lbs));
    const target = first.clusters[0]!.backends[9]!;
    const key = `${target.name}/${target.servers[0]!.name}`;
    const states = new Map(SERVERS);
    states.set(key, { ...SERVERS.get(key)!, adminState: 5 });
    record(STAT, states);
    const second = builder.build({ clusters: [] }, new Map(store.getState().lbs));
    expect(second.clusters[0]!.backends.filter((x, i) => x !== first.clusters[0]!.backends[i]).map((x) => x.name)).toEqual([target.name]);
    expect(second.clusters[0]!.backends[9]!.servers[0]!.perLb.lb1!.state?.adminState).toBe(5);
    // A new server line: the rows moved, so all is built again, as a fresh build would.
    const lines = STAT.split('\n');
    const at = lines.findIndex((line) => line.startsWith(`${target.name},${target.servers[0]!.name},`));
    lines.splice(at + 1, 0, lines[at]!.replace(`,${target.servers[0]!.name},`, ',added,'));
    record(lines.join('\n'), states);
    const third = builder.build({ clusters: [] }, new Map(store.getState().lbs));
    expect(third).toEqual(buildFleet({ clusters: [] }, new Map(store.getState().lbs)));
    expect(third.clusters[0]!.backends[9]!.servers.map((x) => x.name)).toContain('added');
  });

  it('when only a BACKEND row moved (traffic), keeps every server of that backend as it was', () => {
    const parsers = [new StatParser(), new StatParser()];
    const builder = new FleetBuilder();
    const first = builder.build({ clusters: [] }, lbsFrom(parsers, () => STAT));
    const target = first.clusters[0]!.backends[5]!;
    const lbs = lbsFrom(parsers, (lb) => (lb === 1 ? edit([`${target.name},BACKEND`], STOT, '777') : STAT));
    const second = builder.build({ clusters: [] }, lbs);
    expect(second).toEqual(buildFleet({ clusters: [] }, lbs));
    const backend = second.clusters[0]!.backends[5]!;
    expect(backend).not.toBe(target);
    expect(backend.perLb.lb2!.stot).toBe(777);
    expect(backend.perLb.lb1).toBe(target.perLb.lb1);
    expect(backend.servers.every((server, i) => server === target.servers[i])).toBe(true);
  });

  it('when a FRONTEND row moved, builds that frontend again and keeps the others and every backend', () => {
    const parsers = [new StatParser(), new StatParser()];
    const builder = new FleetBuilder();
    const first = builder.build({ clusters: [] }, lbsFrom(parsers, () => STAT));
    const frontends = first.clusters.flatMap((c) => c.frontends);
    const target = frontends[2]!;
    const lbs = lbsFrom(parsers, (lb) => (lb === 0 ? edit([`${target.name},FRONTEND`], STOT, '31337') : STAT));
    const second = builder.build({ clusters: [] }, lbs);
    expect(second).toEqual(buildFleet({ clusters: [] }, lbs));
    const after = second.clusters.flatMap((c) => c.frontends);
    expect(after.filter((f, i) => f !== frontends[i]).map((f) => f.name)).toEqual([target.name]);
    expect(after[2]!.perLb.lb1!.stot).toBe(31337);
    expect(second.clusters.flatMap((c) => c.backends).every((b, i) => b === first.clusters.flatMap((c) => c.backends)[i])).toBe(true);
  });
});
