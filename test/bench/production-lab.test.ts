// What the production benchmark relies on (issue 13): its HAProxy really checks every server, rows change between
// two polls, traffic moves only the trafficked backends' counters, and the flapping servers go DOWN and UP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fateOf } from '../../bench/lib/production-config.js';
import { startProductionLab, type ProductionLab } from '../../bench/lib/production-lab.js';
import { isAlive } from '../../bench/lib/proc.js';
import { rawCommand } from '../../src/lab/haproxy-process.js';

type Row = Record<string, string>;

/** `show stat` as rows keyed "proxy/name" (name is FRONTEND/BACKEND or the server). */
async function showStat(socket: string): Promise<Map<string, Row>> {
  const [header, ...lines] = (await rawCommand(socket, 'show stat')).split('\n');
  const columns = header!.replace(/^# /, '').split(',');
  const rows = new Map<string, Row>();
  for (const line of lines.filter((l) => l.includes(','))) {
    const fields = line.split(',');
    const row = Object.fromEntries(columns.map((c, i) => [c, fields[i] ?? '']));
    rows.set(`${row.pxname}/${row.svname}`, row);
  }
  return rows;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isServer = (row: Row) => row.svname !== 'FRONTEND' && row.svname !== 'BACKEND';
const serverIndex = (row: Row) => Number(row.svname!.slice(3)) - 1;

describe('production lab (100 servers)', () => {
  let lab: ProductionLab;
  let pids: number[] = [];
  beforeAll(async () => {
    lab = await startProductionLab(100);
    pids = [lab.haproxy.pid, lab.loadPids.flapper, lab.loadPids.traffic];
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('checks every server, changes rows between polls, moves only the trafficked tenth, and flaps', { timeout: 60_000 }, async () => {
    expect(lab.layout.backends).toBe(4);
    expect(lab.layout.trafficked).toEqual([1]);
    expect(lab.config).not.toMatch(/\binter\b|\bfall\b|\brise\b/);
    const first = await showStat(lab.haproxy.socket);
    const servers = [...first.values()].filter(isServer);
    expect(servers).toHaveLength(100);
    await sleep(5000);
    const second = await showStat(lab.haproxy.socket);
    const after = [...second.values()].filter(isServer);

    // Every server is checked: chkfail is a number only on a checked server; all but MAINT have a check result.
    for (const row of after) {
      expect(row.chkfail, row.svname).toMatch(/^\d+$/);
      if (fateOf(serverIndex(row), lab.layout) !== 'maint') expect(row.check_status, row.svname).not.toBe('');
    }
    expect(after.filter((r) => r.status === 'MAINT').length).toBeGreaterThan(0);
    expect(after.filter((r) => r.status === 'DOWN').length).toBeGreaterThan(0);
    expect(after.filter((r) => r.status === 'UP').length).toBeGreaterThan(80);

    // Rows change between two polls, beyond the ages (lastchg, downtime) that tick on a quiet HAProxy too.
    const ages = new Set(['lastchg', 'downtime', 'last_chk']);
    const changed = after.filter((row) => {
      const before = first.get(`${row.pxname}/${row.svname}`)!;
      return Object.keys(row).some((c) => !ages.has(c) && row[c] !== before[c]);
    });
    expect(changed.length).toBeGreaterThan(5);

    // Traffic (through fe_http, routed by Host): sessions grow on the trafficked backend, on no other backend.
    const stot = (rows: Map<string, Row>, key: string) => Number(rows.get(key)?.stot || 0);
    const grew = (key: string) => stot(second, key) - stot(first, key);
    expect(grew('fe_http/FRONTEND')).toBeGreaterThan(0);
    expect(grew('fe_tcp/FRONTEND')).toBe(0);
    for (let k = 1; k <= lab.layout.backends; k++) {
      const key = `be_${String(k).padStart(4, '0')}/BACKEND`;
      if (lab.layout.trafficked.includes(k)) expect(grew(key), key).toBeGreaterThan(0);
      else expect(grew(key), key).toBe(0);
    }

    // Flapping: every flapping server is seen UP and DOWN (or on its way, "UP 1/3") within ~30 s.
    const flappers = servers.filter((r) => fateOf(serverIndex(r), lab.layout) === 'flap').map((r) => `${r.pxname}/${r.svname}`);
    expect(flappers.length).toBeGreaterThanOrEqual(2);
    const seen = new Map(flappers.map((key) => [key, new Set<string>()]));
    const deadline = Date.now() + 32_000;
    const flapped = () => [...seen.values()].every((s) => s.has('UP') && s.has('DOWN'));
    while (!flapped() && Date.now() < deadline) {
      const rows = await showStat(lab.haproxy.socket);
      for (const key of flappers) seen.get(key)!.add(rows.get(key)!.status!.split(' ')[0]!);
      await sleep(500);
    }
    expect(Object.fromEntries([...seen].map(([k, s]) => [k, [...s].sort()]))).toEqual(
      Object.fromEntries(flappers.map((k) => [k, ['DOWN', 'UP']])),
    );
  });

  it('stops every process it started', async () => {
    expect(pids.every(isAlive)).toBe(true);
    await lab.stop();
    expect(pids.filter(isAlive)).toEqual([]);
  });
});
