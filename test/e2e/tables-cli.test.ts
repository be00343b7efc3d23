// `lbtop tables`, `lbtop tables clear` and `lbtop peers` through the bundled bin on two real HAProxy LBs sharing
// tables through peers: the --json outputs, the clear previewed then sent with --yes and verified, and
// --read-only refusing it before anything is sent (the key still there on both LBs).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCommand } from '../../src/lab/haproxy-process.js';
import { startTablesLab, type TablesLab } from '../support/lab/tables-lab.js';
import { parseTableDump } from '../../src/sources/haproxy/tables/parse-table.js';
import { BIN, ensureFreshBuild, ROOT } from './fresh-build.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('lbtop tables / peers (bundled bin)', () => {
  let dir: string;
  let lab: TablesLab;
  let sockets: string[];
  const lbtop = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [BIN, ...sockets, ...args], { cwd: ROOT, env: { ...process.env, XDG_CONFIG_HOME: '/nonexistent', XDG_STATE_HOME: dir } }, (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  const keysOn = async (lb: 'lb-a' | 'lb-b') => (parseTableDump(await rawCommand(lab.lbs[lb].socket, 'show table per_client'))?.entries ?? []).map((e) => e.key).sort();

  beforeAll(async () => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-tables-cli-'));
    lab = await startTablesLab({ dir });
    sockets = ['-s', `lb-a=${lab.lbs['lb-a'].socket}`, '-s', `lb-b=${lab.lbs['lb-b'].socket}`];
    for (let i = 0; i < 2; i++) await lab.request('lb-a', 'erin');
    for (let i = 0; i < 300 && !(await keysOn('lb-b')).includes('erin'); i++) await sleep(100);
  }, 300_000);
  afterAll(async () => {
    await lab?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('tables --json and tables TABLE --filter --json', async () => {
    const list = await lbtop('tables', '--json');
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { lb: string; value: { name: string }[] }[]).map((r) => [r.lb, r.value.map((t) => t.name).sort()])).toEqual([
      ['lb-a', ['lbpeers/rl_src', 'local_only', 'per_client']],
      ['lb-b', ['lbpeers/rl_src', 'local_only', 'per_client']],
    ]);
    const one = await lbtop('tables', 'lbpeers/rl_src', '--filter', 'data.gpc0 ge 2', '--json');
    expect(one.code).toBe(0);
    const rows = JSON.parse(one.stdout) as { lb: string; command: string; entries: { key: string }[] }[];
    expect(rows.map((r) => [r.lb, r.command, r.entries.map((e) => e.key)])).toEqual([
      ['lb-a', 'show table lbpeers/rl_src data.gpc0 ge 2', ['127.0.0.1']],
      ['lb-b', 'show table lbpeers/rl_src data.gpc0 ge 2', ['127.0.0.1']],
    ]);
  });

  it('read-only refuses tables clear --yes; --dry-run previews; --yes clears on both, verified', async () => {
    const refused = await lbtop('-n', 'tables', 'clear', 'per_client', '--key', 'erin', '--yes');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('read-only');
    const dry = await lbtop('tables', 'clear', 'per_client', '--key', 'erin', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/\[lb-a\] clear table per_client key erin\n {2}\[lb-b\] clear table per_client key erin/);
    expect(await keysOn('lb-a')).toContain('erin');
    const done = await lbtop('tables', 'clear', 'per_client', '--key', 'erin', '--yes', '--json');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/lb-a\s+verified[\s\S]*lb-b\s+verified/);
    expect(await keysOn('lb-a')).not.toContain('erin');
    expect(await keysOn('lb-b')).not.toContain('erin');
  });

  it('peers --json lists each LB with its sections and problems', async () => {
    const peers = await lbtop('peers', '--json');
    const readings = JSON.parse(peers.stdout) as { lb: string; sections: { name: string }[]; problems: string[] }[];
    expect(readings.map((r) => [r.lb, r.sections.map((s) => s.name)])).toEqual([['lb-a', ['lbpeers']], ['lb-b', ['lbpeers']]]);
    expect(peers.code).toBe(readings.some((r) => r.problems.length) ? 1 : 0);
  });
});
