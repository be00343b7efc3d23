// The map editor end to end on two real HAProxy LBs: plan → preview → apply → verify, with the file on
// disk, real HTTP requests (curl) through the map_dom frontend, a reload through the master CLI, a conflicting
// edit on disk, hostile keys, and a failing `haproxy -c`.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyMapsPlan } from '../../../src/actions/maps/apply.js';
import { planMapsEdit } from '../../../src/actions/maps/plan.js';
import { rollbackCandidates, rollbackPlan } from '../../../src/actions/maps/rollback.js';
import { readMapsInputs } from '../../../src/actions/maps/read.js';
import type { MapsEdit } from '../../../src/actions/maps/types.js';
import type { PatternKind } from '../../../src/model/maps.js';
import { readEntries } from '../../../src/sources/haproxy/maps/read.js';
import { startMapsLab, type MapsLab } from '../../support/lab/maps-lab.js';
import { outcomeText, previewText } from '../../../src/present/confirmation.js';

const HOST = 'nginx.k8s01-dev.example.net';

describe('map and ACL edits on two real LBs', () => {
  let lab: MapsLab;
  const hostsMap = (lb: string) => lab.map(lb, 'hosts.map');
  const plan = async (kind: PatternKind, file: string, edit: MapsEdit, only: string[] = []) =>
    planMapsEdit(kind, file, edit, await readMapsInputs(lab.deps, kind, file, only));
  const originals: Record<string, string> = {};

  beforeAll(async () => {
    lab = await startMapsLab(['lb-a', 'lb-b']);
    for (const lb of ['lb-a', 'lb-b']) originals[lb] = readFileSync(hostsMap(lb), 'utf8');
  });
  afterAll(async () => lab?.close());
  beforeEach(() => {
    for (const lb of ['lb-a', 'lb-b']) lab.policy[lb]!.mode = 'none';
  });

  it('moves a hostname to the other cluster on both LBs: runtime, real requests, file on disk, and a reload keeps it', async () => {
    for (const lb of ['lb-a', 'lb-b']) expect(await lab.curl(lb, 'default.sock', HOST)).toBe('https_k8s01_dev_backend');
    const p = await plan('map', hostsMap('lb-a'), { op: 'set', key: HOST, value: 'https_k8s02_dev_backend' }, ['lb-a']);
    expect(p.errors).toEqual([]);
    // Each LB has its own path in this lab, so plan per LB and apply both.
    const pb = await plan('map', hostsMap('lb-b'), { op: 'set', key: HOST, value: 'https_k8s02_dev_backend' }, ['lb-b']);
    const preview = previewText(p);
    expect(preview).toContain(`set map ${hostsMap('lb-a')} ${HOST} https_k8s02_dev_backend`);
    expect(preview).toContain(`-${HOST} https_k8s01_dev_backend`);
    expect(preview).toContain(`+${HOST} https_k8s02_dev_backend`);
    for (const [lbPlan, lb] of [[p, 'lb-a'], [pb, 'lb-b']] as const) {
      const report = await applyMapsPlan(lbPlan, lab.deps);
      expect(report.ok, outcomeText({ kind: 'entries', report: report })).toBe(true);
      expect(await lab.curl(lb, 'default.sock', HOST)).toBe('https_k8s02_dev_backend');
      const disk = readFileSync(hostsMap(lb), 'utf8');
      expect(disk).toBe(originals[lb]!.replace(`${HOST} https_k8s01_dev_backend`, `${HOST} https_k8s02_dev_backend`));
      expect(readFileSync(`${hostsMap(lb)}.lbtop-bak`, 'utf8')).toBe(originals[lb]);
    }
    const pid = lab.lbs['lb-a']!.pid;
    await lab.lbs['lb-a']!.reload();
    expect(lab.lbs['lb-a']!.pid).toBe(pid);
    expect(await lab.curl('lb-a', 'default.sock', HOST)).toBe('https_k8s02_dev_backend');
    // Back, with lbtop's own reload through the master CLI this time (haproxy -c, reload, verify after reload).
    lab.policy['lb-a']!.mode = 'reload';
    const back = await plan('map', hostsMap('lb-a'), { op: 'set', key: HOST, value: 'https_k8s01_dev_backend' }, ['lb-a']);
    expect(previewText(back)).toContain('reload via the master CLI');
    const report = await applyMapsPlan(back, lab.deps);
    expect(report.ok, outcomeText({ kind: 'entries', report: report })).toBe(true);
    expect(report.outcomes[0]!.steps.join('\n')).toMatch(/haproxy -c: configuration valid[\s\S]*reloaded: worker \d+ → \d+/);
    expect(await lab.curl('lb-a', 'default.sock', HOST)).toBe('https_k8s01_dev_backend');
    expect(readFileSync(hostsMap('lb-a'), 'utf8')).toBe(originals['lb-a']);
  });

  it('replaces a whole map atomically with prepare/commit and keeps the comments of the file', async () => {
    const file = lab.map('lb-b', 'routes.map');
    const before = readFileSync(file, 'utf8');
    const entries = [{ key: '/api/v2', value: 'be_api_v2' }, { key: '/api', value: 'be_api' }, { key: '/static', value: 'be_default' }];
    const p = await plan('map', file, { op: 'replace', entries }, ['lb-b']);
    const l = p.lbs[0]!;
    expect(l.commands[0]).toBe(`prepare map ${file}`);
    expect(l.commands.at(-1)).toBe(`commit map @${l.atomic!.predicted} ${file}`);
    const report = await applyMapsPlan(p, lab.deps);
    expect(report.ok, outcomeText({ kind: 'entries', report: report })).toBe(true);
    expect(await readEntries(lab.deps.clients.get('lb-b')!, 'map', file)).toEqual(entries);
    expect(await lab.curl('lb-b', 'www.sock', 'x', '/api/v2/users')).toBe('be_api_v2');
    expect(await lab.curl('lb-b', 'www.sock', 'x', '/login')).toBe('be_default');
    const after = readFileSync(file, 'utf8');
    expect(after).not.toBe(before);
    expect(after.split('\n').filter((l) => l.startsWith('#'))).toEqual(before.split('\n').filter((l) => l.startsWith('#')));
  });

  it('stops on a conflicting edit made on disk between read and apply: nothing written on any LB', async () => {
    const inputs = [
      ...(await readMapsInputs(lab.deps, 'map', hostsMap('lb-a'), ['lb-a'])),
    ];
    const p = planMapsEdit('map', hostsMap('lb-a'), { op: 'add', key: 'new.k8s02-dev.example.net', value: 'https_k8s02_dev_backend' }, inputs);
    const theirs = `${readFileSync(hostsMap('lb-a'), 'utf8')}someone.else.example.net be_api\n`;
    writeFileSync(hostsMap('lb-a'), theirs);
    const sent = lab.audit.records.length;
    const report = await applyMapsPlan(p, lab.deps);
    expect(report.ok).toBe(false);
    expect(report.outcomes[0]!.status).toBe('conflict');
    expect(report.outcomes[0]!.threeWay!.diff).toContain('+someone.else.example.net be_api');
    expect(report.outcomes[0]!.threeWay!.diff).toContain('+new.k8s02-dev.example.net https_k8s02_dev_backend');
    expect(readFileSync(hostsMap('lb-a'), 'utf8')).toBe(theirs);
    expect(lab.audit.records.length).toBe(sent);
    expect((await readEntries(lab.deps.clients.get('lb-a')!, 'map', hostsMap('lb-a'))).some((e) => e.key === 'new.k8s02-dev.example.net')).toBe(false);
    writeFileSync(hostsMap('lb-a'), originals['lb-a']!);
  });

  it('refuses a map key with `;` and a blank or a newline, and escapes an ACL pattern so HAProxy gets one command', async () => {
    const bad = await plan('map', hostsMap('lb-a'), { op: 'add', key: 'x;shutdown sessions', value: 'be_api' }, ['lb-a']);
    expect(bad.errors.join()).toMatch(/blank/);
    const nl = await plan('map', hostsMap('lb-a'), { op: 'add', key: 'x\nshow', value: 'be_api' }, ['lb-a']);
    expect(nl.errors.join()).toMatch(/newline/);
    expect((await applyMapsPlan(nl, lab.deps)).ok).toBe(false);

    const acl = lab.map('lb-a', 'internal.acl');
    const p = await plan('acl', acl, { op: 'add', key: 'x;shutdown sessions' }, ['lb-a']);
    expect(p.lbs[0]!.commands).toEqual([`add acl ${acl} x\\;shutdown\\ sessions`]);
    const from = lab.audit.records.length;
    const report = await applyMapsPlan(p, lab.deps);
    expect(report.ok, outcomeText({ kind: 'entries', report: report })).toBe(true);
    const sends = lab.audit.records.slice(from).filter((r) => r.phase === 'send' && !r.command.startsWith('write '));
    expect(sends.map((r) => r.command)).toEqual([`add acl ${acl} x\\;shutdown\\ sessions`]);
    expect((await readEntries(lab.deps.clients.get('lb-a')!, 'acl', acl)).map((e) => e.key)).toContain('x;shutdown sessions');
    expect(readFileSync(acl, 'utf8')).toMatch(/\nx;shutdown sessions\n$/);
    // Still serving: nothing was shut down.
    expect(await lab.curl('lb-a', 'default.sock', HOST)).toBe('https_k8s01_dev_backend');
  });

  it('a failing haproxy -c stops before the runtime and the reload, and leaves the old file', async () => {
    lab.policy['lb-b']!.mode = 'reload';
    const p = await plan('map', hostsMap('lb-b'), { op: 'set', key: HOST, value: 'be_api' }, ['lb-b']);
    const fileBefore = readFileSync(hostsMap('lb-b'), 'utf8');
    const servedBefore = await lab.curl('lb-b', 'default.sock', HOST);
    const cfg = lab.lbs['lb-b']!.configPath;
    const config = readFileSync(cfg, 'utf8');
    appendFileSync(cfg, '\nfrontend broken\n    bind unix@/nonexistent/x.sock\n    no-such-keyword here\n');
    const pidBefore = (await lab.deps.clients.get('lb-b')!.send('show info')).match(/Pid: (\d+)/)![1];
    const report = await applyMapsPlan(p, lab.deps);
    writeFileSync(cfg, config);
    expect(report.ok).toBe(false);
    expect(report.outcomes[0]!.error).toMatch(/haproxy -c failed/);
    expect(report.outcomes[0]!.steps.join('\n')).toMatch(/old .* put back/);
    expect(readFileSync(hostsMap('lb-b'), 'utf8')).toBe(fileBefore);
    expect(await lab.curl('lb-b', 'default.sock', HOST)).toBe(servedBefore);
    expect((await lab.deps.clients.get('lb-b')!.send('show info')).match(/Pid: (\d+)/)![1]).toBe(pidBefore);
  });
});

describe('one plan on every LB that carries the same map file', () => {
  let lab: MapsLab;
  const config = readFileSync(new URL('../../../fixtures/haproxy-routing/haproxy.cfg', import.meta.url), 'utf8')
    .replace('@DIR@/maps/hosts.map', '@SHARED@/hosts.map');

  beforeAll(async () => {
    lab = await startMapsLab(['lb-a', 'lb-b'], config);
  });
  afterAll(async () => lab?.close());

  it('finds both LBs by file name, changes both runtimes, writes the file once and reloads both', async () => {
    const file = `${lab.shared}/hosts.map`;
    for (const lb of ['lb-a', 'lb-b']) lab.policy[lb]!.mode = 'reload';
    const inputs = await readMapsInputs(lab.deps, 'map', file);
    expect(inputs.map((i) => i.lb)).toEqual(['lb-a', 'lb-b']);
    const p = planMapsEdit('map', file, { op: 'set', key: HOST, value: 'https_k8s02_dev_backend' }, inputs);
    expect(p.title).toContain('on lb-a, lb-b');
    const report = await applyMapsPlan(p, lab.deps);
    expect(report.ok, outcomeText({ kind: 'entries', report: report })).toBe(true);
    expect(report.outcomes[1]!.steps.join('\n')).toMatch(/already holds the new text[\s\S]*reloaded/);
    for (const lb of ['lb-a', 'lb-b']) expect(await lab.curl(lb, 'default.sock', HOST)).toBe('https_k8s02_dev_backend');
    expect(readFileSync(file, 'utf8')).toContain(`${HOST} https_k8s02_dev_backend`);
  });

  it('a failure on the second LB is reported per LB, and the first one is rolled back to exactly what was read', async () => {
    const file = `${lab.shared}/hosts.map`;
    lab.policy['lb-a']!.mode = 'none';
    lab.policy['lb-b']!.mode = 'check';
    const before = readFileSync(file, 'utf8');
    const plan = planMapsEdit('map', file, { op: 'add', key: 'rollback.example.org', value: 'be_api' }, await readMapsInputs(lab.deps, 'map', file));
    const cfg = lab.lbs['lb-b']!.configPath;
    const good = readFileSync(cfg, 'utf8');
    writeFileSync(cfg, `${good}\nbackend broken\n    no-such-keyword\n`);
    let report;
    try {
      report = await applyMapsPlan(plan, lab.deps);
    } finally {
      writeFileSync(cfg, good);
    }
    expect(report.outcomes.map((o) => `${o.lb} ${o.status}`)).toEqual(['lb-a applied', 'lb-b failed']);
    expect(report.outcomes[1]!.error).toMatch(/haproxy -c failed/);
    expect(await lab.curl('lb-a', 'default.sock', 'rollback.example.org')).toBe('be_api');
    expect(await lab.curl('lb-b', 'default.sock', 'rollback.example.org')).toBe('be_default');
    expect(rollbackCandidates(report)).toEqual(['lb-a']);
    const back = await applyMapsPlan(rollbackPlan(report), lab.deps);
    expect(back.ok, outcomeText({ kind: 'entries', report: back })).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(await lab.curl('lb-a', 'default.sock', 'rollback.example.org')).toBe('be_default');
  });
});
