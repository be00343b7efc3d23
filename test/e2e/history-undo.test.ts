// History and undo with the built lbtop on two real HAProxy LBs: a drain and a weight change applied with
// `lbtop server …`, listed by `lbtop history --json` with their outcome per LB, then undone with `lbtop undo`:
// the prior states come back (read from `show servers state`), a server whose state moved on since is left out
// and the plan says so, and read-only refuses undo.
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_HEAD, rawCommand, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { BIN, ensureFreshBuild } from './fresh-build.js';

const CONFIG = `
${LAB_HEAD}backend be
  server s1 127.0.0.1:1
  server s2 127.0.0.1:2 weight 10
  server s3 127.0.0.1:3
`;

interface Action { id: string; title: string; kind: string; lbs: string[]; outcomes: { lb: string; status: string }[]; undo: { offered: boolean; reason?: string } }

describe('lbtop history and undo on two real LBs', () => {
  let dir: string;
  const lbs: HaproxyProcess[] = [];
  const run = (...argv: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(BIN, ['-s', `lb1=${lbs[0]!.socket}`, '-s', `lb2=${lbs[1]!.socket}`, ...argv], { env: { ...process.env, XDG_STATE_HOME: path.join(dir, 'state') } }, (error, stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr })),
    );
  /** server → [admin state bits, user weight] as HAProxy holds them (show servers state: fields 6 and 7). */
  const states = async (lb: HaproxyProcess) =>
    Object.fromEntries((await rawCommand(lb.socket, 'show servers state be')).split('\n').filter((l) => /^\d/.test(l)).map((l) => l.split(' ')).map((f) => [f[3], `${f[6]} w${f[7]}`]));
  const history = async () => {
    const out = await run('history', '--json', '--limit', '0');
    expect(out.code).toBe(0);
    return (JSON.parse(out.stdout) as { actions: Action[]; problems: string[] });
  };

  beforeAll(async () => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-history-'));
    lbs.push(await startHaproxy({ name: 'lb1', dir, config: CONFIG }));
    lbs.push(await startHaproxy({ name: 'lb2', dir, config: CONFIG }));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(lbs.map((lb) => lb.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a drain on both LBs is listed with its outcomes, and undo puts the servers back to ready', async () => {
    expect((await run('server', 'drain', 'be/s1', '--yes')).code).toBe(0);
    for (const lb of lbs) expect((await states(lb)).s1).toBe('8 w1'); // SRV_ADMF_FDRAIN
    const { actions } = await history();
    const drain = actions.find((a) => a.title === 'drain be/s1 on lb1, lb2')!;
    expect(drain).toMatchObject({ kind: 'server-admin', lbs: ['lb1', 'lb2'], undo: { offered: true } });
    expect(drain.outcomes).toEqual([{ lb: 'lb1', status: 'VERIFIED' }, { lb: 'lb2', status: 'VERIFIED' }]);

    const dry = await run('undo', drain.id, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('[lb1] set server be/s1 state ready');
    expect(dry.stdout).toContain('[lb2] set server be/s1 state ready');
    for (const lb of lbs) expect((await states(lb)).s1).toBe('8 w1'); // a dry run sends nothing

    const undo = await run('undo', drain.id, '--yes');
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stdout).toMatch(/lb1\s+verified[\s\S]*lb2\s+verified/);
    for (const lb of lbs) expect((await states(lb)).s1).toBe('0 w1');
    // The undo is an action of its own in the history, newest first, with the way back to the drain.
    const after = (await history()).actions;
    expect(after[0]).toMatchObject({ title: 'undo: drain be/s1 on lb1, lb2', kind: 'undo', undo: { offered: true } });
  }, 60_000);

  it('leaves out a server whose state moved on since, and says so', async () => {
    expect((await run('server', 'drain', 'be/s3', '--yes')).code).toBe(0);
    // Someone else puts s3 into maintenance on lb2 after the drain.
    expect(await rawCommand(lbs[1]!.socket, 'set server be/s3 state maint')).toBe('\n');
    const id = (await history()).actions.find((a) => a.title === 'drain be/s3 on lb1, lb2')!.id;
    const undo = await run('undo', id, '--yes');
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stdout).toContain('[lb1] set server be/s3 state ready');
    expect(undo.stdout).not.toContain('[lb2] set server be/s3');
    expect(undo.stdout).toContain('lb2: be/s3 is maint now, not drain as the action left it: it moved on since; left out');
    expect((await states(lbs[0]!)).s3).toBe('0 w1');
    expect((await states(lbs[1]!)).s3).toBe('1 w1'); // still the other operator's maint
  }, 60_000);

  it('a weight change is undone to the prior weight', async () => {
    expect((await run('server', 'weight', 'be/s2', '3', '--lb', 'lb1', '--yes')).code).toBe(0);
    expect((await states(lbs[0]!)).s2).toBe('0 w3');
    const id = (await history()).actions.find((a) => a.title === 'weight 3 be/s2 on lb1')!.id;
    expect((await run('undo', id, '--yes')).code).toBe(0);
    expect((await states(lbs[0]!)).s2).toBe('0 w10');
  }, 60_000);

  it('read-only refuses undo (exit 2) and nothing changes', async () => {
    expect((await run('server', 'drain', 'be/s1', '--lb', 'lb1', '--yes')).code).toBe(0);
    const id = (await history()).actions[0]!.id;
    const refused = await run('-n', 'undo', id, '--yes');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/read-only/);
    expect((await states(lbs[0]!)).s1).toBe('8 w1');
    expect((await run('-n', 'undo', id, '--dry-run')).code).toBe(0);
  }, 60_000);

  it('a node drain is undone to each server\'s prior state, a server it left alone stays as it is', async () => {
    for (const lb of lbs) {
      await rawCommand(lb.socket, 'set server be/s1 state ready');
      await rawCommand(lb.socket, 'set server be/s3 state ready');
      await rawCommand(lb.socket, 'set server be/s2 state maint');
    }
    // The node is the machine 127.0.0.1: s1 and s3 are drained, s2 (in maintenance) is left as is.
    const drain = await run('node', 'drain', '127.0.0.1', '--yes');
    expect(drain.code, drain.stderr).toBe(0);
    for (const lb of lbs) expect(await states(lb)).toMatchObject({ s1: '8 w1', s2: '1 w10', s3: '8 w1' });
    const node = (await history()).actions[0]!;
    expect(node).toMatchObject({ kind: 'node', undo: { offered: true } });
    // The drain saved the prior states for `node ready`; a verified undo removes that record, as `node ready` does.
    const record = path.join(dir, 'state/lbtop/nodes/127.0.0.1.json');
    expect(existsSync(record)).toBe(true);
    const undo = await run('undo', node.id, '--yes', '--json');
    expect(undo.code, undo.stderr).toBe(0);
    expect(JSON.parse(undo.stdout.trim().split('\n').pop()!).outcomes.map((o: { lb: string; status: string }) => `${o.lb} ${o.status}`).sort()).toEqual(['lb1 verified', 'lb2 verified']);
    for (const lb of lbs) expect(await states(lb)).toMatchObject({ s1: '0 w1', s2: '1 w10', s3: '0 w1' });
    expect(existsSync(record)).toBe(false);
    for (const lb of lbs) await rawCommand(lb.socket, 'set server be/s2 state ready');
  }, 60_000);

  it('history survives a torn last line and hostile lines, and keeps the actions around them', async () => {
    const log = path.join(dir, 'state/lbtop/audit.jsonl');
    const before = (await history()).actions.length;
    appendFileSync(log, '{"time":"x"}\n[1,2]\nnot json at all\n{"time":"2026-12-07T00:00:00Z","lb":7}\n{"time":"2026-12-07T14:');
    const torn = await history();
    expect(torn.actions).toHaveLength(before);
    expect(torn.problems.join('\n')).toMatch(/last line is incomplete/);
    // A new session appends after the torn line: the record glued to it is still read.
    expect((await run('server', 'drain', 'be/s1', '--lb', 'lb1', '--yes')).code).toBe(0);
    const later = await history();
    expect(later.actions).toHaveLength(before + 1);
    expect(later.actions[0]!.title).toBe('drain be/s1 on lb1');
    expect(readFileSync(log, 'utf8')).toContain('"phase":"plan"');
  }, 60_000);
});
