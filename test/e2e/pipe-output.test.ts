// Subcommand output through pipes, as runbooks use it: the bundled bin against real HAProxy pairs (pipe-lab.ts).
// A reader that reads nothing for 2 s (`| (sleep 2; cat)`) must get exactly what a file gets: Node queues what a
// pipe cannot take, and exiting before that queue was flushed cut every output at 64 KiB, with exit 0. A reader
// that goes away (`| head`, a closed stderr) must end nothing early and print no stack trace.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureFreshBuild, ROOT } from './fresh-build.js';
import { startPipeLab, type PipeLab } from './pipe-lab.js';

const PIPE_BUFFER = 65_536;
const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/** What moves between two runs a moment apart: poll latency, the snapshot's time, `show stat`'s lastchg. */
function stable(text: string): string {
  return text
    .replace(/"generatedAt": "[^"]*"/g, '"generatedAt": ""')
    .replace(/"latencyMs": \d+/g, '"latencyMs": 0')
    .replace(/^(LB .*) \d+ ms$/gm, '$1 0 ms')
    .replace(/^([\w.-]+,[^,\n ]*(?:,[^,\n]*){21}),\d*/gm, '$1,');
}

// Concurrent tests (their readers' sleeps overlap); the timeout covers a test's wait for its turn (two at once).
describe.concurrent('subcommand output through pipes', { timeout: 60_000 }, () => {
  let lab: PipeLab;
  let run = 0;
  let running = 0;
  /** `sh -c SCRIPT` where "$LBTOP" is the bin; the audit log goes under the lab directory. */
  const shell = (script: string) =>
    new Promise<{ code: number; stderr: string }>((resolve) => {
      const env = { ...process.env, XDG_CONFIG_HOME: '/nonexistent', XDG_STATE_HOME: lab.dir, NODE: process.execPath, BIN };
      execFile('sh', ['-c', script.replaceAll('$LBTOP', '"$NODE" "$BIN"')], { cwd: ROOT, env, timeout: 50_000 }, (error, _stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }));
    });
  const rcOf = (file: string) => readFileSync(file, 'utf8');

  /** The same invocation straight into a file and into a reader that waits 2 s, both at once. */
  async function fileAndSlowPipe(config: string, args: string[]) {
    // Two pairs at most at once: the tests overlap their readers' sleeps, not their CPU (two cores).
    while (running >= 2) await new Promise((r) => setTimeout(r, 50));
    running++;
    try {
      const n = ++run;
      const [file, piped, rc] = [`${n}.file`, `${n}.piped`, `${n}.rc`].map((x) => path.join(lab.dir, x)) as [string, string, string];
      const cmd = `$LBTOP -c ${quote(config)} ${args.map(quote).join(' ')}`;
      const [direct, slow] = await Promise.all([shell(`${cmd} > ${file}`), shell(`{ ${cmd}; echo $? > ${rc}; } | (sleep 2; cat) > ${piped}`)]);
      const out = { file: readFileSync(file, 'utf8'), piped: readFileSync(piped, 'utf8'), code: direct.code };
      expect(direct.stderr + slow.stderr).toBe('');
      expect(Number(rcOf(rc))).toBe(direct.code);
      // Well past what the pipe holds, or the test proves nothing.
      expect(Buffer.byteLength(out.file)).toBeGreaterThan(1.5 * PIPE_BUFFER);
      // Lengths first, for a short message when output was cut (the raw sizes may differ in a latency's digits).
      expect(stable(out.piped).length).toBe(stable(out.file).length);
      expect(stable(out.piped)).toBe(stable(out.file));
      return out;
    } finally {
      running--;
    }
  }

  beforeAll(async () => {
    ensureFreshBuild();
    lab = await startPipeLab();
  }, 120_000);
  afterAll(async () => lab?.stop());

  it('status --json of 10,000 servers on two LBs arrives whole through a slow pipe and parses', async () => {
    const { piped, code } = await fileAndSlowPipe(lab.big, ['status', '--json']);
    expect(code).toBe(0);
    const status = JSON.parse(piped) as { lbs: { name: string; ok: boolean }[]; clusters: { backends: { servers: unknown[] }[] }[] };
    expect(status.lbs.map((lb) => [lb.name, lb.ok])).toEqual([['b1', true], ['b2', true]]);
    expect(status.clusters.flatMap((c) => c.backends).reduce((n, b) => n + b.servers.length, 0)).toBe(10_000);
  });

  it('status as text and the raw `show stat` arrive whole', async () => {
    const text = await fileAndSlowPipe(lab.small, ['status']);
    expect(text.piped.trimEnd().split('\n').at(-1)).toMatch(/^ {4}srv04000 /);
    const raw = await fileAndSlowPipe(lab.small, ['cli', 'show stat']);
    expect(raw.piped.match(/^be_0400,srv04000,/gm)).toHaveLength(2);
  });

  it('drift --json arrives whole, with its exit code (1: drift)', async () => {
    const { piped, code } = await fileAndSlowPipe(lab.small, ['drift', '--json']);
    expect(code).toBe(1);
    expect((JSON.parse(piped) as { items: unknown[] }).items).toHaveLength(8_000);
  });

  it('trace, as text and as JSON, arrives whole', async () => {
    const text = await fileAndSlowPipe(lab.small, ['trace', 'web.k8s01.example.net/']);
    expect(text.piped).toMatch(/\n== s2\n[\s\S]*\n {2}https → be_0001\n(?: {4}.*\n)*? {4}servers: srv00001 MAINT, .*, srv00010 \w+\n$/);
    const json = await fileAndSlowPipe(lab.small, ['trace', '--json', 'web.k8s01.example.net/']);
    expect((JSON.parse(json.piped) as { lbs: { trace: { frontends: unknown[] } }[] }).lbs.map((l) => l.trace.frontends.length)).toEqual([201, 201]);
  });

  it('certs --json arrives whole', async () => {
    const { piped, code } = await fileAndSlowPipe(lab.small, ['certs', '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(piped) as { sans: string[] }[]).map((c) => c.sans.length)).toEqual(Array(40).fill(100));
  });

  it('a reader that goes away ends lbtop quietly, after it has done all it was asked', async () => {
    const rc = path.join(lab.dir, 'head.rc');
    const audit = () => readFileSync(path.join(lab.dir, 'lbtop', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { lb: string; command: string; phase: string });
    // The whole document is written at once: the reader leaves while most of it is still queued.
    const status = await shell(`{ $LBTOP -c ${quote(lab.small)} status --json; echo $? > ${rc}; } | head -c 100 > /dev/null`);
    expect([status.stderr, rcOf(rc)]).toEqual(['', '0\n']);
    // Two LBs: the reader leaves after s1's reply, while s2 is being asked. s2 is still asked, and audited.
    const raw = await shell(`{ $LBTOP -c ${quote(lab.small)} cli 'show servers state'; echo $? > ${rc}; } | head -c 100 > /dev/null`);
    expect([raw.stderr, rcOf(rc)]).toEqual(['', '0\n']);
    expect(audit().filter((e) => e.command === 'show servers state' && e.phase === 'reply').map((e) => e.lb)).toEqual(['s1', 's2']);
    // stderr's reader gone before the first error line: nothing thrown, every LB asked, the command's own code.
    const closed = await shell(`{ $LBTOP -c ${quote(lab.gone)} cli 'show info' 2>&1 > /dev/null; echo $? > ${rc}; } | true`);
    expect([closed.stderr, rcOf(rc)]).toEqual(['', '1\n']);
    expect(audit().filter((e) => e.command === 'show info').map((e) => `${e.lb} ${e.phase}`)).toEqual(['gone send', 'gone error', 's1 send', 's1 reply', 's2 send', 's2 reply']);
  });

  it('output lost to a failing stdout (a full disk) is said on stderr, and a success becomes exit 1', async () => {
    const rc = path.join(lab.dir, 'full.rc');
    const full = await shell(`$LBTOP -c ${quote(lab.small)} status --json > /dev/full; echo $? > ${rc}`);
    expect([full.stderr, rcOf(rc)]).toEqual(['lbtop: cannot write to stdout: ENOSPC\n', '1\n']);
  });
});
