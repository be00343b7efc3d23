// Writes under real conditions, through the built executable on two real HAProxy 2.6 processes: a write whose
// reply is held past the timeout (a relay that holds `set server` on h2), a stopped worker (SIGSTOP), an
// unreachable LB in the plan's scope, and a reader that goes away mid-action (`| head -1`).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHoldRelay, type HoldRelay } from '../support/lab/hold-relay.js';
import { rawCommand, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { BIN, ensureFreshBuild } from './fresh-build.js';

const CONFIG = (tcp: number | null) => `
global
  stats socket @SOCKET@ mode 600 level admin
${tcp === null ? '' : `  stats socket ipv4@127.0.0.1:${tcp} level admin`}
defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
frontend web
  bind unix@@DIR@/web.sock
  default_backend be1
backend be1
  server s1 127.0.0.1:1
  server s2 127.0.0.1:2
`;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

interface Run { code: number | null; stdout: string; stderr: string }
function lbtop(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(BIN, args, { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

const stateOf = async (lb: HaproxyProcess, server: string) => {
  const line = (await rawCommand(lb.socket, 'show servers state be1')).split('\n').find((l) => l.split(' ')[3] === server)!;
  const admin = Number(line.split(' ')[6]);
  return admin & 0x01 ? 'maint' : admin & 0x08 ? 'drain' : 'ready';
};
const workerPid = async (lb: HaproxyProcess) => Number(/^Pid: (\d+)$/m.exec(await rawCommand(lb.socket, 'show info'))![1]);
const auditOf = (dir: string) => {
  const file = path.join(dir, 'state/lbtop/audit.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { lb: string; phase: string; command: string; reply?: string }) : [];
};

describe('writes under real conditions (built lbtop, two HAProxy 2.6)', () => {
  let dir: string;
  let h1: HaproxyProcess;
  let h2: HaproxyProcess;
  let relay: HoldRelay;
  let configFile: string;
  const stopped: number[] = [];
  const env = () => ({ XDG_STATE_HOME: path.join(dir, 'state') });

  beforeAll(async () => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-wsafe-'));
    const tcp = await freePort();
    h1 = await startHaproxy({ name: 'h1', dir, config: CONFIG(null) });
    h2 = await startHaproxy({ name: 'h2', dir, config: CONFIG(tcp) });
    // h2's writes are held 2.5 s, past lbtop's 1 s timeout; its reads pass at once.
    relay = await startHoldRelay({ host: '127.0.0.1', port: tcp }, /set server/, 2500);
    configFile = path.join(dir, 'lbtop.yaml');
    writeFileSync(configFile, `lbs:\n  h1: { haproxy: { socket: ${h1.socket}, timeout: 1000 } }\n  h2: { haproxy: { tcp: "127.0.0.1:${relay.port}", timeout: 1000 } }\nclusters:\n  k: { backends: [be1] }\n`);
  });
  afterEach(async () => {
    for (const pid of stopped.splice(0)) process.kill(pid, 'SIGCONT');
    for (const lb of [h1, h2]) for (const s of ['s1', 's2']) await rawCommand(lb.socket, `set server be1/${s} state ready`);
    rmSync(path.join(dir, 'state'), { recursive: true, force: true });
  });
  afterAll(async () => {
    for (const pid of stopped) process.kill(pid, 'SIGCONT');
    await relay?.close();
    await Promise.all([h1, h2].filter(Boolean).map((lb) => lb.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a reply held past the timeout is UNKNOWN, settled by a re-read: no false FAILED, no rollback of h1', async () => {
    const run = await lbtop(['-c', configFile, 'server', 'drain', 'be1/s2', '--yes'], env());
    expect(run.stdout).toMatch(/h1\s+verified/);
    expect(run.stdout).toMatch(/h2\s+verified/);
    expect(run.stdout).not.toMatch(/roll back/i);
    expect(run.code).toBe(0);
    expect(await stateOf(h1, 's2')).toBe('drain');
    expect(await stateOf(h2, 's2')).toBe('drain');
    const audit = auditOf(dir);
    expect(audit.some((r) => r.lb === 'h2' && r.phase === 'error' && /OUTCOME UNKNOWN/.test(r.reply ?? ''))).toBe(true);
    expect(audit.filter((r) => r.phase === 'outcome').map((r) => `${r.lb} ${r.reply}`)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^h1 VERIFIED/), expect.stringMatching(/^h2 VERIFIED: reply lost, re-read shows it applied/)]),
    );
  });

  it('a write to a stopped worker is UNKNOWN (exit 3), not FAILED, and its real state shows once the worker runs', async () => {
    const pid = await workerPid(h1);
    process.kill(pid, 'SIGSTOP');
    stopped.push(pid);
    const run = await lbtop(['-c', configFile, 'cli', '--lb', 'h1', 'set server be1/s1 state maint'], env());
    expect(run.stderr).toMatch(/h1: UNKNOWN: .*no complete reply/);
    expect(run.stderr).not.toMatch(/FAILED/);
    expect(run.code).toBe(3);
    process.kill(stopped.pop()!, 'SIGCONT');
    // The command was carried out after all: UNKNOWN was the truth, FAILED would have been a lie.
    await new Promise((r) => setTimeout(r, 300));
    expect(await stateOf(h1, 's1')).toBe('maint');
  }, 40_000);

  it('a stopped worker that resumes while lbtop re-reads: the write is reported as landed (exit 0)', async () => {
    const pid = await workerPid(h1);
    process.kill(pid, 'SIGSTOP');
    stopped.push(pid);
    // Resumed once the command is out and its 1 s reply timeout has passed (lbtop's own start time varies).
    const resume = (async () => {
      while (!auditOf(dir).some((r) => r.phase === 'send' && /set server be1\/s1/.test(r.command))) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 1500));
      process.kill(pid, 'SIGCONT');
    })();
    const run = await lbtop(['-c', configFile, 'cli', '--lb', 'h1', 'set server be1/s1 state maint'], env());
    await resume;
    stopped.pop();
    expect(run.stderr).toMatch(/reply lost .* HAProxy shows it applied: re-read: maint as sent/);
    expect(run.code).toBe(0);
    expect(await stateOf(h1, 's1')).toBe('maint');
  }, 40_000);

  it('refuses a plan with an unreachable LB in scope (exit 2, nothing sent); --skip-unreachable applies on the rest (exit 4)', async () => {
    const pid = await workerPid(h2);
    process.kill(pid, 'SIGSTOP');
    stopped.push(pid);
    const refused = await lbtop(['-c', configFile, 'server', 'drain', 'be1/s2', '--yes'], env());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/REFUSED: h2 unreachable/);
    expect(await stateOf(h1, 's2')).toBe('ready');
    expect(auditOf(dir).filter((r) => r.phase === 'send')).toEqual([]);

    const skipped = await lbtop(['-c', configFile, 'server', 'drain', 'be1/s2', '--yes', '--skip-unreachable'], env());
    expect(skipped.stdout).toMatch(/h1\s+verified/);
    expect(skipped.stdout).toMatch(/Left out \(unreachable; lbtop did not change them\): h2/);
    expect(skipped.code).toBe(4);
    expect(await stateOf(h1, 's2')).toBe('drain');
    process.kill(stopped.pop()!, 'SIGCONT');
    expect(await stateOf(h2, 's2')).toBe('ready');
  }, 40_000);

  it('| head -1 during a two-LB drain with a slow LB: lbtop finishes the action quietly, both LBs consistent, outcome in the audit log', async () => {
    const err = path.join(dir, 'stderr.txt');
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn('sh', ['-c', `"$0" -c "$1" server drain be1/s2 --yes 2>"$2" | head -1 >/dev/null; wait`, BIN, configFile, err], { env: { ...process.env, ...env() }, stdio: 'ignore' });
      child.once('exit', (c) => resolve(c));
    });
    expect(code).toBe(0);
    // The pipeline ends when lbtop does: by then both LBs are drained and verified, none rolled back.
    expect(await stateOf(h1, 's2')).toBe('drain');
    expect(await stateOf(h2, 's2')).toBe('drain');
    const stderr = readFileSync(err, 'utf8');
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    const outcomes = auditOf(dir).filter((r) => r.phase === 'outcome');
    expect(outcomes.map((r) => r.lb).sort()).toEqual(['h1', 'h2']);
    expect(outcomes.every((r) => /^VERIFIED/.test(r.reply ?? ''))).toBe(true);
  }, 40_000);
});
