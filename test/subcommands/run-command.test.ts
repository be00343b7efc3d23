// `lbtop run NAME`: the values come from options, the exact line and words are printed before anything runs,
// --dry-run stops there, --yes runs it here for real (a program recording its argv) with --json giving the
// result; --read-only refuses a dangerous command at parse time and lets a `dangerous: false` one through.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { parseArgs } from '../../src/cli/args.js';
import type { RunInvocation } from '../../src/cli/run-args.js';
import { createUserCommandRuntime } from '../../src/runtime/user-command-runtime.js';
import { runUserSubcommand } from '../../src/subcommands/run-command.js';

const RECORD = `require("fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2))); console.log("ok")`;

describe('lbtop run NAME', () => {
  let dir: string;
  let configFile: string;
  let record: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-run-'));
    record = path.join(dir, 'argv.json');
    configFile = path.join(dir, 'lbtop.yaml');
    const node = JSON.stringify(process.execPath);
    writeFileSync(configFile, `lbs:
  lb1: { haproxy: { socket: /run/none.sock } }
commands:
  - { name: cordon, key: C, scope: node, command: [${node}, -e, ${JSON.stringify(RECORD)}, ${JSON.stringify(record)}, cordon, $NODE] }
  - { name: peek, key: Y, scope: server, dangerous: false, command: [echo, $BACKEND, $SERVER] }
`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const parse = async (line: string) => {
    const out = await parseArgs(['-c', configFile, ...line.split(' ')], { env: {}, home: dir, cwd: dir });
    return out;
  };
  const exec = async (line: string, answer = false) => {
    const out = await parse(line);
    if (out.type !== 'run') throw new Error(out.stderr);
    const text = { out: '', err: '' };
    const audit = openAuditLog(path.join(dir, 'audit.jsonl'));
    const code = await runUserSubcommand(out.invocation as RunInvocation, {
      runtime: createUserCommandRuntime(out.config, audit),
      out: (t) => void (text.out += t),
      err: (t) => void (text.err += t),
      confirm: async () => answer,
    });
    return { code, ...text };
  };

  it('prints the exact words and runs nothing with --dry-run or without a yes', async () => {
    const dry = await exec('run cordon --node worker1;reboot --dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Runs here, on the machine running lbtop\n');
    expect(dry.out).toContain('! a user command: lbtop cannot verify or undo what it does\n');
    expect(dry.out).toContain('\n    4  cordon\n    5  worker1;reboot\n');
    const no = await exec('run cordon --node worker1');
    expect(no).toMatchObject({ code: 1, out: expect.stringContaining('cancelled: nothing was sent') });
    expect(existsSync(record)).toBe(false);
  });

  it('runs with --yes and gives the result as JSON; a missing value is refused', async () => {
    const ran = await exec('run cordon --node worker1;reboot --yes --json');
    expect(ran.code).toBe(0);
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual(['cordon', 'worker1;reboot']);
    expect(JSON.parse(ran.out.split('\n').at(-2)!)).toMatchObject({ name: 'cordon', outcome: 'done', code: 0, stdout: 'ok\n' });
    expect(readFileSync(path.join(dir, 'audit.jsonl'), 'utf8')).toContain("'worker1;reboot'");
    const missing = await exec('run cordon --yes');
    expect(missing).toMatchObject({ code: 2, err: expect.stringContaining('$NODE unknown for this selection') });
    expect(await exec('run nope --yes')).toMatchObject({ code: 2, err: expect.stringContaining('no command "nope" in lbtop.yaml (commands: cordon, peek)') });
  });

  it('--read-only refuses a dangerous command unless --dry-run, and runs a dangerous: false one', async () => {
    expect(await parse('-n run cordon --node w1 --yes')).toMatchObject({ type: 'exit', code: 2, stderr: expect.stringContaining('read-only: run cordon (a dangerous command) can only run with --dry-run') });
    expect(await parse('-n run cordon --node w1 --dry-run')).toMatchObject({ type: 'run' });
    const peek = await exec('-n run peek --server be/s1 --yes');
    expect(peek).toMatchObject({ code: 0, out: expect.stringContaining('be s1\n') });
  });
});
