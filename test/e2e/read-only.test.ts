// Read-only means no write, by any path. The built lbtop runs with -n against a real HAProxy 2.6 that has a map
// file; every entry point that can change something is tried — subcommands, and in a real terminal the keys, the
// `:node` prompt with y, the CLI view, the maps view and the drift keys — and afterwards HAProxy's server states
// and map entries, the map file on disk and the audit log must be exactly as before.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_HEAD, rawCommand, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { BIN, ensureFreshBuild } from './fresh-build.js';
import { tmuxTerminal, wait } from './tmux.js';

const CONFIG = `
${LAB_HEAD}frontend web
  bind unix@@DIR@/web.sock
  use_backend %[req.hdr(host),lower,map_dom(@DIR@/hosts.map,be1)]
backend be1
  server s1 127.0.0.1:1
  server s2 127.0.0.1:2 weight 10
backend be2
  server s2 127.0.0.1:2
`;

const term = tmuxTerminal(`lbtop-ro-${process.pid}`, 'ro');
const { tmux, pane, until } = term;
const keys = async (...k: string[]) => {
  term.keys(...k);
  await wait(400); // past the preview's 300 ms confirm guard, so a y would count
};

describe('read-only (-n): no write by any path', () => {
  let dir: string;
  let lb: HaproxyProcess;
  let mapFile: string;
  let configFile: string;
  const state = async () => ({
    servers: (await rawCommand(lb.socket, 'show servers state')).split('\n').filter((l) => /^\d/.test(l)).map((l) => l.split(' ').slice(0, 9).join(' ')),
    map: await rawCommand(lb.socket, `show map ${mapFile}`),
    file: readFileSync(mapFile, 'utf8'),
  });
  const audit = () => path.join(dir, 'state/lbtop/audit.jsonl');
  /** Audit records of anything but a read: none may exist after a read-only run. */
  const writesAudited = () => (existsSync(audit()) ? readFileSync(audit(), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { command: string; readOnly?: boolean }).filter((r) => r.readOnly !== true) : []);

  beforeAll(async () => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-ro-'));
    mapFile = path.join(dir, 'h1', 'hosts.map');
    execFileSync('mkdir', ['-p', path.join(dir, 'h1')]);
    writeFileSync(mapFile, 'api.example.com be1\nold.example.com be2\n');
    lb = await startHaproxy({ name: 'h1', dir, config: CONFIG });
    configFile = path.join(dir, 'lbtop.yaml');
    writeFileSync(configFile, `read_only: true\nlbs:\n  h1:\n    haproxy: { socket: ${lb.socket}, config: ${lb.configPath}, master: ${lb.masterSocket}, after_write: reload }\nclusters:\n  k: { backends: [be1, be2] }\n`);
  });
  afterAll(async () => {
    term.kill();
    await lb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every subcommand that writes is refused (exit 2) and nothing changes', async () => {
    const before = await state();
    const attempts = [
      ['server', 'drain', 'be1/s2', '--yes'], ['server', 'maint', 'be1/s2', '--yes'], ['server', 'weight', 'be1/s2', '50%', '--yes'],
      ['node', 'drain', 's2', '--yes'], ['node', 'maint', '127.0.0.1', '--yes'],
      ['cli', 'set server be1/s2 state maint'], ['cli', 'disable server be1/s2'], ['cli', 'shutdown sessions server be1/s2'],
      ['cli', `add map ${mapFile} evil.example.com be2`], ['cli', `clear map ${mapFile}`], ['cli', 'set weight be1/s2 0'],
      ['cli', '@1 set server be1/s2 state maint'], ['cli', 'experimental-mode on'], ['cli', 'show info;set server be1/s2 state maint'],
      ['map', 'add', mapFile, 'evil.example.com', 'be2', '--yes'], ['map', 'del', mapFile, 'api.example.com', '--yes'],
      ['map', 'replace', mapFile, '/dev/null', '--yes'],
      ['vip', 'move', '10.0.0.1', '--to', 'h1', '--yes'], ['bgp', 'disable', 'h1', 'calico1', '--reason', 'drill', '--yes'],
    ];
    for (const argv of attempts) {
      const run = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
        execFile(BIN, ['-c', configFile, ...argv], { env: { ...process.env, XDG_STATE_HOME: path.join(dir, 'state') } }, (error, _out, stderr) =>
          resolve({ code: error ? (error.code as number) : 0, stderr })),
      );
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr, argv.join(' ')).toMatch(/read-only|one command at a time/);
    }
    expect(await state()).toEqual(before);
    expect(writesAudited()).toEqual([]);
  }, 60_000);

  it('in the TUI: write keys, the :node prompt with y, the CLI view, the maps and drift keys change nothing', async () => {
    const before = await state();
    const command = ['env -u CI', `XDG_STATE_HOME=${dir}/state`, BIN, '-c', configFile, '-i', '1', '; echo LBTOP-EXITED-$?; sleep 30'].join(' ');
    tmux('new-session', '-d', '-s', 'ro', '-x', '160', '-y', '40', command);
    await until('the first screen', () => /READ-ONLY/.test(pane()) && pane().includes('s2'));
    // Server keys on be1/s2.
    await keys(':s2', 'Enter');
    for (const k of ['d', 'y', 'm', 'y', 'r', 'y', 'F4', 'y', 'F5', 'y', 'F7', 'y', 'N', 'y', 'a', 'y', 'Escape']) await keys(k);
    // The prompt path that drained on main: `:node s2`, Enter, y.
    await keys(':node s2', 'Enter');
    await until('the refusal', () => /READ-ONLY: node drain is disabled/.test(pane()));
    await keys('y');
    await keys('Escape');
    // The CLI view: write commands typed and sent.
    await keys('5');
    for (const line of ['set server be1/s2 state maint', 'disable server be1/s2', `add map ${mapFile} evil.example.com be2`]) await keys(line, 'Enter');
    await until('the CLI view refusal', () => /READ-ONLY/.test(pane()));
    await keys('Escape');
    // Maps view: add, change, delete, $EDITOR; drift: to disk, to runtime; each followed by y and a word.
    await keys('7');
    for (const k of ['a', 'y', 'c', 'y', 'd', 'y', 'E', 'w', 'y', 'x', 'y', 'Escape']) await keys(k);
    await keys('8');
    for (const k of ['w', 'y', 'x', 'y', 'Escape']) await keys(k);
    await keys('q');
    await until('lbtop to exit', () => /LBTOP-EXITED-0/.test(pane()));
    expect(await state()).toEqual(before);
    expect(writesAudited()).toEqual([]);
  }, 90_000);
});
