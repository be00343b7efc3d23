// Seed 004's ingress-controller backend on a real HAProxy 2.6: SRV_1…SRV_5 with two slots parked by the
// controller (`server SRV_n 127.0.0.1:1 disabled`, fixtures/seeds/004/default-app-port-1-scaled.cfg). What lbtop
// reads from the running LB: the parked slots are "slot" in the state column, never MAINT; a pod that is down
// stays DOWN; a slot the controller fills at runtime is a server again, and one it parks at runtime is a slot.
// Pods are HTTP stand-ins on 127.0.0.1 (the post's 172.16.x.y:8080 addresses rewritten; IP addresses, because
// `set server addr` refuses a unix-socket server), and SRV_4's pod is missing on purpose (port 9, closed). Checks
// run every 200 ms (`inter`) so the DOWN pod shows quickly.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverDrift } from '../../src/actions/drift.js';
import { planServerAdmin } from '../../src/actions/server-admin.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import type { HaproxySnapshot } from '../../src/model/haproxy.js';
import { HaproxyClient } from '../../src/sources/haproxy/client.js';
import { parseHaproxyConfig } from '../../src/sources/haproxy/config/parse.js';
import { isPlaceholderSlot } from '../../src/sources/haproxy/placeholder.js';
import { SnapshotReader } from '../../src/sources/haproxy/read-snapshot.js';
import { FleetStore } from '../../src/store/fleet-store.js';
import { buildFleet } from '../../src/store/selectors.js';
import { unixSocket } from '../../src/transport/local.js';
import { lbStateColumns } from '../../src/ui/columns/common.js';
import type { TableRow } from '../../src/ui/rows/types.js';
import { seedText } from './seed-files.js';

const BACKEND = 'default-app-port-1';

describe("seed 004's parked slots on a real HAProxy 2.6", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lbtop-seed004-'));
  const pods: http.Server[] = [];
  let lb: HaproxyProcess;
  let client: HaproxyClient;
  let backendText: string;

  beforeAll(async () => {
    const pod = async (name: string) => {
      const server = http.createServer((_req, res) => res.end(`${name}\n`));
      pods.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    backendText = seedText('004/default-app-port-1-scaled.cfg')
      .replace('172.16.171.67:8080', await pod('SRV_1'))
      .replace('172.16.171.68:8080', await pod('SRV_2'))
      .replace('172.16.189.69:8080', '127.0.0.1:9')
      .replace(/ check weight 128/g, ' check inter 200ms weight 128');
    lb = await startHaproxy({ name: 'ingress', dir: root, config: `${seedText('004/lab-head.cfg')}\n${backendText}` });
    client = new HaproxyClient(unixSocket(lb.socket));
  });
  afterAll(async () => {
    client?.close();
    await lb?.stop();
    await Promise.all(pods.map((p) => new Promise((resolve) => p.close(resolve))));
    rmSync(root, { recursive: true, force: true });
  });

  const read = async (): Promise<HaproxySnapshot> => new SnapshotReader(client).read();
  const lbs = [{ name: 'ingress', down: false, stale: false }];
  const stateColumn = lbStateColumns(lbs)[0]!;
  const cells = (snap: HaproxySnapshot) => Object.fromEntries(snap.stats.filter((r) => r.kind === 'server' && r.proxy === BACKEND).map((row) => {
    const state = snap.servers?.get(`${BACKEND}/${row.name}`) ?? null;
    const tableRow: TableRow = { key: row.name, kind: 'server', name: row.name, ref: `${BACKEND}/${row.name}`, cluster: 'c', backend: BACKEND, server: row.name, clusterLbs: ['ingress'], stats: [{ lb: 'ingress', row, state, stale: false }] };
    const cell = stateColumn.cell(tableRow, { lbs });
    return [row.name, `${cell.text} ${cell.token}`];
  }));
  const settled = async (want: (c: Record<string, string>) => boolean): Promise<Record<string, string>> => {
    for (let i = 0; ; i++) {
      const c = cells(await read());
      if (want(c) || i > 50) return c;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('shows the parked slots as slots, the pods as UP, the missing pod as DOWN', async () => {
    const snap = await read();
    const slot3 = snap.stats.find((r) => r.proxy === BACKEND && r.name === 'SRV_3')!;
    // What HAProxy 2.6 reports for a parked slot: MAINT, at 127.0.0.1:1, in config maintenance (CMAINT|FMAINT).
    expect([slot3.status, slot3.addr, snap.servers!.get(`${BACKEND}/SRV_3`)!.adminState]).toEqual(['MAINT', '127.0.0.1:1', 5]);
    const c = await settled((x) => x.SRV_4!.startsWith('DOWN'));
    expect(c).toEqual({
      SRV_1: 'UP status.up', SRV_2: 'UP status.up', SRV_3: 'slot text.dim', SRV_4: 'DOWN status.down', SRV_5: 'slot text.dim',
    });
  });

  it('warns in the preview before a slot is made ready (it would take traffic to 127.0.0.1:1), not before a pod is', async () => {
    const store = new FleetStore([{ name: 'ingress', endpoint: `unix:${lb.socket}` }]);
    store.recordSuccess('ingress', await read());
    const fleet = buildFleet({ clusters: [] }, new Map(store.getState().lbs));
    const slot = planServerAdmin(fleet, { backend: BACKEND, server: 'SRV_3', lbs: [] }, 'ready');
    expect(slot.commands.map((c) => c.command)).toEqual([`set server ${BACKEND}/SRV_3 state ready`]);
    expect(slot.warnings).toContain(`ingress: ${BACKEND}/SRV_3 is an ingress controller's empty slot (127.0.0.1:1): it would take traffic to nothing; the controller fills slots itself`);
    expect(planServerAdmin(fleet, { backend: BACKEND, server: 'SRV_4', lbs: [] }, 'ready').warnings.filter((w) => w.includes('slot'))).toEqual([]);
  });

  it('sees no drift between the running slots and the file', async () => {
    const states = (await read()).servers!;
    expect(serverDrift('ingress', parseHaproxyConfig(`${seedText('004/lab-head.cfg')}\n${backendText}`), states)).toEqual([]);
  });

  it('follows the controller at runtime: a filled slot is a server again, a parked one is a slot', async () => {
    // Scale up: the controller points SRV_3 at a new pod and makes it ready (no `check` on a parked slot).
    await client.send(`set server ${BACKEND}/SRV_3 addr 127.0.0.2 port 9`);
    await client.send(`set server ${BACKEND}/SRV_3 state ready`);
    // Scale down: SRV_1's pod leaves; the slot is parked where the controller parks them.
    await client.send(`set server ${BACKEND}/SRV_1 state maint`);
    expect(await client.send(`set server ${BACKEND}/SRV_1 addr 127.0.0.1 port 1`)).toMatch(/port changed from '\d+' to '1'/);
    const c = await settled((x) => x.SRV_1 === 'slot text.dim');
    expect([c.SRV_1, c.SRV_3]).toEqual(['slot text.dim', 'nochk status.up']);
    // A node an operator takes out is MAINT, not a slot: only the parking address makes a slot.
    await client.send(`set server ${BACKEND}/SRV_2 state maint`);
    const after = await settled((x) => x.SRV_2!.startsWith('MAINT'));
    expect(after.SRV_2).toBe('MAINT status.maint');
    const snap = await read();
    const row = snap.stats.find((r) => r.proxy === BACKEND && r.name === 'SRV_1')!;
    // Without `show servers state` (not read yet, or refused), `show stat`'s addr column tells the same.
    expect([row.addr, isPlaceholderSlot(row, null)]).toEqual(['127.0.0.1:1', true]);
  });
});
