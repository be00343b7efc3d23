// Runtime-vs-disk drift on a real HAProxy: map entries added at runtime, a server drained, a weight changed, a
// config-disabled server made ready; then both fixes (to runtime, to disk) previewed and applied.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testHaproxyVersion } from '../../src/lab/haproxy-versions.js';
import { applyPlan } from '../../src/actions/apply.js';
import { applyConfigEdit } from '../../src/actions/config-edit-apply.js';
import { configDiff, planPatternDriftFix, planServerDriftToRuntime, serverDriftToConfig } from '../../src/actions/drift-fix.js';
import { readDrift } from '../../src/actions/drift-read.js';
import { formatDrift } from '../../src/actions/drift-text.js';
import { applyMapsPlan } from '../../src/actions/maps/apply.js';
import type { DriftItem } from '../../src/model/drift.js';
import type { RuntimeApi } from '../../src/sources/haproxy/client.js';
import { SnapshotReader } from '../../src/sources/haproxy/read-snapshot.js';
import { startMapsLab, type MapsLab } from '../support/lab/maps-lab.js';
import { outcomeText, previewText } from '../../src/present/confirmation.js';

type Server = Extract<DriftItem, { kind: 'server' }>;
type Pattern = Extract<DriftItem, { kind: 'pattern' }>;

describe('runtime vs disk drift on a real HAProxy', () => {
  let lab: MapsLab;
  const send = (command: string) => lab.deps.clients.get('lb-a')!.send(command);

  beforeAll(async () => {
    lab = await startMapsLab(['lb-a']);
  });
  afterAll(async () => lab?.close());

  it('sees no drift on a fresh LB, then every kind of runtime change', async () => {
    const clean = await readDrift(lab.deps);
    expect(clean.lbs[0]!.checked, clean.lbs[0]!.error ?? '').toBe(true);
    expect(clean.items, formatDrift(clean)).toEqual([]);
    const hosts = lab.map('lb-a', 'hosts.map');
    await send(`add map ${hosts} hotfix.example.net be_api`);
    await send(`set map ${hosts} api.k8s01.example.net be_auth`);
    await send('set server k8s_http_lb_backend/controlplane1 state drain');
    await send('set server k8s_http_lb_backend/controlplane2 weight 10');
    await send('set server k8s_http_lb_backend/worker1 state ready');
    const report = await readDrift(lab.deps);
    const text = formatDrift(report);
    expect(text).toContain('runtime only: hotfix.example.net be_api');
    expect(text).toContain('changed:      api.k8s01.example.net  runtime be_auth, disk https_k8s01_backend');
    const servers = report.items.filter((i): i is Server => i.kind === 'server').map((i) => `${i.server} ${i.field} ${i.runtime}/${i.disk}`);
    expect(servers.sort()).toEqual(['controlplane1 admin drain/ready', 'controlplane2 weight 10/50', 'worker1 admin ready/maint']);
  });

  it('the periodic check compares with the servers the poller read, an asked-for check asks HAProxy', async () => {
    const client = lab.deps.clients.get('lb-a')!;
    const sent: string[] = [];
    const recording: RuntimeApi = { label: client.label, send: (c) => (sent.push(c), client.send(c)), close: () => undefined };
    const polled = await new SnapshotReader(client).read();
    const deps = { ...lab.deps, clients: new Map([['lb-a', recording]]), polledServerStates: () => polled.servers };
    const background = await readDrift(deps, [], { polled: true });
    expect(sent).not.toContain('show servers state');
    const asked = await readDrift(deps);
    expect(sent).toContain('show servers state');
    // The same findings either way (the drain, weight and ready of the first test are still in place).
    expect(background.items.filter((i) => i.kind === 'server')).toEqual(asked.items.filter((i) => i.kind === 'server'));
    expect(background.items.filter((i) => i.kind === 'server')).toHaveLength(3);
    // A poller with nothing current (a stale LB) leaves the check to ask.
    sent.length = 0;
    await readDrift({ ...deps, polledServerStates: () => null }, [], { polled: true });
    expect(sent).toContain('show servers state');
  });

  it("refuses to compare with a config file that is not this HAProxy's (the system one next to a lab)", async () => {
    const other = `${lab.map('lb-a', 'hosts.map')}.other.cfg`;
    writeFileSync(other, 'global\n  daemon\ndefaults\n  mode http\nbackend somebody_else\n  server s1 127.0.0.1:1\n');
    const deps = { ...lab.deps, after: (lb: string) => ({ ...lab.deps.after(lb), configPath: other }) };
    const report = await readDrift(deps);
    expect(report.lbs[0]).toMatchObject({ checked: false, error: expect.stringMatching(/is not this HAProxy's config \(no backend .*k8s_http_lb_backend.*\); set haproxy.config for lb-a/) });
    expect(report.items).toEqual([]);
    rmSync(other);
  });

  it('fixes a map both ways: disk→runtime with prepare/commit, runtime→disk as a file diff', async () => {
    const hosts = lab.map('lb-a', 'hosts.map');
    const item = (await readDrift(lab.deps)).items.find((i): i is Pattern => i.kind === 'pattern' && i.file === hosts)!;
    const toDisk = await planPatternDriftFix(lab.deps, item, 'to-disk');
    expect(toDisk.lbs[0]!.commands).toEqual([]);
    expect(toDisk.lbs[0]!.file!.diff).toContain('+hotfix.example.net be_api');
    const toRuntime = await planPatternDriftFix(lab.deps, item, 'to-runtime');
    expect(toRuntime.lbs[0]!.commands[0]).toBe(`prepare map ${hosts}`);
    expect(toRuntime.lbs[0]!.file!.diff).toBe('');
    expect(previewText(toRuntime)).toContain(`-hotfix.example.net be_api`);
    // Keep the hotfix: write it to disk (and the changed value with it).
    const report = await applyMapsPlan(toDisk, lab.deps);
    expect(report.ok, outcomeText({ kind: 'entries', report: report })).toBe(true);
    expect(readFileSync(hosts, 'utf8')).toContain('hotfix.example.net be_api\n');
    expect(readFileSync(hosts, 'utf8')).toContain('api.k8s01.example.net be_auth\n');
    expect((await readDrift(lab.deps)).items.filter((i) => i.kind === 'pattern')).toEqual([]);
  });

  it('fixes servers both ways: set server back to the config, or the config diff written and checked', async () => {
    const servers = (await readDrift(lab.deps)).items.filter((i): i is Server => i.kind === 'server');
    const toDisk = serverDriftToConfig(readFileSync(lab.lbs['lb-a']!.configPath, 'utf8'), servers);
    expect(toDisk.skipped.join()).toMatch(/controlplane1: a runtime drain has no haproxy.cfg keyword/);
    const before = readFileSync(lab.lbs['lb-a']!.configPath, 'utf8');
    const diff = configDiff(lab.lbs['lb-a']!.configPath, before, toDisk.after);
    expect(diff).toContain('+    server controlplane2 127.0.0.1:9 check weight 10');
    expect(diff).toContain('+    server worker1 127.0.0.1:9');
    const written = await applyConfigEdit(lab.deps, 'lb-a', before, toDisk.after);
    expect(written.status, written.error).toBe('applied');
    expect(written.steps).toContainEqual(expect.stringMatching(new RegExp(`^haproxy -c: configuration valid \\(\\S+, HAProxy ${testHaproxyVersion().replace('.', '\\.')}\\.`)));
    const left = (await readDrift(lab.deps)).items.filter((i): i is Server => i.kind === 'server');
    expect(left.map((i) => i.server)).toEqual(['controlplane1']);
    // The drain goes back to what the config says, through the runtime API.
    const plan = planServerDriftToRuntime(left);
    expect(plan.commands.map((c) => c.command)).toEqual(['set server k8s_http_lb_backend/controlplane1 state ready']);
    const report = await applyPlan(plan, { clients: lab.deps.clients, audit: lab.audit });
    expect(report.ok).toBe(true);
    expect((await readDrift(lab.deps)).items).toEqual([]);
  });
});
