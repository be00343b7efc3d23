// `lbtop map|acl|drift|trace|certs` as a process (the built bin) against two real HAProxy
// LBs, configured by an lbtop.yaml with `haproxy: { config, master, … }` per LB.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMapsLab, type MapsLab, HAPROXY_BIN } from '../support/lab/maps-lab.js';
import { BIN, ensureFreshBuild } from '../e2e/fresh-build.js';

const HOST = 'nginx.k8s01-dev.example.net';

describe('lbtop map|acl|drift|trace|certs subcommands', () => {
  let lab: MapsLab;
  let configFile: string;
  const lbtop = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [BIN, '-c', configFile, ...args],
        { env: { ...process.env, XDG_STATE_HOME: lab.root }, timeout: 30_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
    });

  beforeAll(async () => {
    ensureFreshBuild();
    lab = await startMapsLab(['lb-a', 'lb-b']);
    configFile = path.join(lab.root, 'lbtop.yaml');
    const lb = (name: string) => `  ${name}:
    haproxy: { socket: ${lab.lbs[name]!.socket}, config: ${lab.lbs[name]!.configPath}, master: ${lab.lbs[name]!.masterSocket}, bin: ${HAPROXY_BIN}, after_write: reload }
`;
    writeFileSync(configFile, `lbs:\n${lb('lb-a')}${lb('lb-b')}`);
  });
  afterAll(async () => lab?.close());

  it('map show lists the maps with where the config uses them; a bare file name resolves per LB', async () => {
    const all = await lbtop('map', 'show', '--lb', 'lb-a');
    expect(all.stderr).toBe('');
    expect(all.stdout).toMatch(/hosts\.map  \(\d+ entries, version 0\)\n  used by frontend default line 37: use_backend \(map_dom\)/);
    const one = await lbtop('map', 'show', 'hosts.map', '--lb', 'lb-a');
    expect(one.stdout).toContain(`    ${HOST} https_k8s01_dev_backend`);
  });

  it('map set: --dry-run previews and changes nothing; --yes applies, persists, reloads; a hostile key is refused', async () => {
    const file = lab.map('lb-a', 'hosts.map');
    const before = readFileSync(file, 'utf8');
    const dry = await lbtop('map', 'set', 'hosts.map', HOST, 'https_k8s02_dev_backend', '--lb', 'lb-a', '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`set map ${file} ${HOST} https_k8s02_dev_backend`);
    expect(dry.stdout).toContain('reload via the master CLI');
    expect(readFileSync(file, 'utf8')).toBe(before);
    const refused = await lbtop('map', 'set', 'hosts.map', HOST, 'x', '--lb', 'lb-a');
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toMatch(/pass --yes/);
    const done = await lbtop('map', 'set', 'hosts.map', HOST, 'https_k8s02_dev_backend', '--lb', 'lb-a', '--yes');
    expect(done.code, done.stdout + done.stderr).toBe(0);
    expect(done.stdout).toMatch(/lb-a: applied[\s\S]*reloaded: worker/);
    expect(await lab.curl('lb-a', 'default.sock', HOST)).toBe('https_k8s02_dev_backend');
    const evil = await lbtop('map', 'add', 'hosts.map', 'x;shutdown sessions', 'be_api', '--lb', 'lb-a', '--yes');
    expect(evil.code).toBe(2);
    expect(evil.stdout).toMatch(/refusing a map key with a blank/);
    const audit = readFileSync(path.join(lab.root, 'lbtop', 'audit.jsonl'), 'utf8');
    expect(audit).not.toContain('shutdown');
  });

  it('drift, trace and certs', async () => {
    await lab.deps.clients.get('lb-b')!.send('set server k8s_http_lb_backend/controlplane1 state drain');
    const drift = await lbtop('drift', '--json');
    expect(drift.code).toBe(1);
    const json = JSON.parse(drift.stdout) as { items: { lb: string; server?: string }[] };
    expect(json.items).toEqual([expect.objectContaining({ lb: 'lb-b', server: 'controlplane1', field: 'admin', runtime: 'drain', disk: 'ready' })]);
    const trace = await lbtop('trace', `${HOST}/`, '--frontend', 'default');
    expect(trace.code).toBe(1);
    expect(trace.stdout).toContain('the LBs DISAGREE on: default');
    expect(trace.stdout).toMatch(/== lb-a[\s\S]*default → https_k8s02_dev_backend[\s\S]*== lb-b[\s\S]*default → https_k8s01_dev_backend/);
    const certs = await lbtop('certs', '--json');
    expect([certs.code, JSON.parse(certs.stdout)]).toEqual([0, []]);
  });
});
