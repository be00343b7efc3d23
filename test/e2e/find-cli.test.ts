// `lbtop find TEXT` through the built bin against two real HAProxy LBs that carry the same server names at
// different addresses: the search is per LB (an address on one LB only is found there only), exact matches come
// first, and no match is exit 1.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_HEAD, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { BIN, ensureFreshBuild, ROOT } from './fresh-build.js';

const config = (web2: string) => `${LAB_HEAD}
backend be_app
  server web1 127.0.0.1:18081
  server web2 ${web2}:18082
backend be_api
  server web10 127.0.0.1:18090
`;

function lbtop(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, XDG_CONFIG_HOME: '/nonexistent' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('lbtop find', () => {
  let dir: string;
  const lbs: HaproxyProcess[] = [];
  const sockets = () => ['-s', `lb1=${lbs[0]!.socket}`, '-s', `lb2=${lbs[1]!.socket}`];
  beforeAll(async () => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-find-'));
    lbs.push(await startHaproxy({ name: 'lb1', dir, config: config('127.0.0.2') }));
    lbs.push(await startHaproxy({ name: 'lb2', dir, config: config('127.0.0.3') }));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(lbs.map((h) => h.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds an address on the one LB that has it', async () => {
    const { code, stdout } = await lbtop(...sockets(), 'find', '127.0.0.3');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^LB\s+CLUSTER\s+BACKEND\/SERVER\s+ADDRESS\s+HOSTNAME/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^lb2\s+\S+\s+be_app\/web2\s+127\.0\.0\.3:18082\s+-\s+exact$/)]);
  });

  it('lists a name on every LB, exact matches before partial ones, as JSON for a script', async () => {
    const { code, stdout } = await lbtop(...sockets(), 'find', 'WEB1', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { matches: { lb: string; backend: string; server: string; exact: boolean }[]; unreadLbs: string[] };
    expect(result.matches.map((m) => `${m.lb} ${m.backend}/${m.server} ${m.exact}`)).toEqual([
      'lb1 be_app/web1 true', 'lb2 be_app/web1 true', 'lb1 be_api/web10 false', 'lb2 be_api/web10 false',
    ]);
    expect(result.unreadLbs).toEqual([]);
  });

  it('says so and exits 1 when nothing matches, and names an LB it could not search', async () => {
    const none = await lbtop(...sockets(), 'find', 'worker9');
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('no server matches "worker9" on 2 LB(s)\n');
    const down = await lbtop(...sockets(), '-s', `lb3=${dir}/nobody.sock`, 'find', 'web1');
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/^lb1\s/m);
    expect(down.stderr).toContain('lb3: not read, its servers are not searched');
  });
});
