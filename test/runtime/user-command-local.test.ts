// User commands run for real on this machine: the selection's values reach the program as whole argv words (a
// hostile server name included, never a shell), every run is in the audit log with its exact quoted line and
// outcome, output is bounded, and --read-only refuses a dangerous command at the key, in the action and at the
// transport gate, while a `dangerous: false` one still runs.
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { invoke, MAX_USER_OUTPUT_BYTES } from '../../src/actions/user-command.js';
import { runWrite } from '../../src/actions/write-path.js';
import { loadConfig } from '../../src/config/load.js';
import { COMMANDS } from '../../src/keymap/bindings.js';
import { buildKeymap, hintsFor, resolveKey } from '../../src/keymap/resolve.js';
import { userCommandDefs } from '../../src/keymap/user-keys.js';
import { ReadOnlyError } from '../../src/model/errors.js';
import { createUserCommandRuntime } from '../../src/runtime/user-command-runtime.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-user-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const out = (name: string) => path.join(dir, name);
// The program records exactly the argv it was given, as JSON.
const WRITE_ARGV = `require("fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)))`;
const HOSTILE = `web 1; $(touch ${out('pwned')}) \`id\` "q" 'x' $HOME`;

function setup(readOnly = false) {
  const yaml = `read_only: ${readOnly}
lbs:
  lb1: { haproxy: { socket: /run/none.sock } }
commands:
  - { name: record, key: C, scope: server, command: [${JSON.stringify(process.execPath)}, -e, ${JSON.stringify(WRITE_ARGV)}, ${JSON.stringify(out('argv.json'))}, $SERVER, "be=$BACKEND", "\${NODE}-x", "$$LB", $LB] }
  - { name: peek, key: Y, scope: server, dangerous: false, command: [${JSON.stringify(process.execPath)}, -e, ${JSON.stringify(WRITE_ARGV)}, ${JSON.stringify(out('peek.json'))}, $SERVER] }
  - { name: env, key: E, scope: server, shell: true, command: "printf '%s|' \\"$SERVER\\" \\"$LB\\"" }
  - { name: flood, key: F, scope: lb, command: [sh, -c, "yes lbtop | head -c 3000000; echo done >&2"] }
  - { name: stuck, key: Z, scope: lb, timeout: 1, command: [sleep, "30"] }
`;
  const { config, issues } = loadConfig(yaml);
  expect(issues).toEqual([]);
  const audit = openAuditLog(out(`audit-${readOnly}.jsonl`));
  return { config: config!, audit, runtime: createUserCommandRuntime(config!, audit) };
}
const auditLines = (readOnly = false) => {
  const file = out(`audit-${readOnly}.jsonl`);
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, string>) : [];
};
const values = { SERVER: HOSTILE, BACKEND: 'be_app', NODE: 'worker1', LB: 'lb1' };

describe('user commands, run here', () => {
  it('gives the program the selection as whole words, literally, and audits the exact line before and after', async () => {
    const { runtime } = setup();
    const run = invoke(runtime.commands[0]!, values);
    if (!run.ok) throw new Error(run.why);
    const result = await runtime.run(run, null);
    expect(result.outcome).toBe('done');
    expect(JSON.parse(readFileSync(out('argv.json'), 'utf8'))).toEqual([HOSTILE, 'be=be_app', 'worker1-x', '$LB', 'lb1']);
    // Nothing was run by a shell: the $(touch …) inside the name stayed text.
    expect(existsSync(out('pwned'))).toBe(false);
    const records = auditLines();
    expect(records.map((r) => r.phase)).toEqual(['send', 'reply']);
    expect(records[0]!.command).toBe(run.line);
    expect(run.line).toContain(`'${HOSTILE.replaceAll("'", `'\\''`)}'`);
    expect(records[0]!.plan).toBe('user command record');
    expect(records[1]!.reply).toBe('exit 0');
    expect(runtime.runs().at(-1)!.result).toEqual(result);
  });

  it('with shell: true, the values are environment variables of sh -c, never pasted into its text', async () => {
    const { runtime } = setup();
    const run = invoke(runtime.commands[2]!, values);
    if (!run.ok) throw new Error(run.why);
    expect(run.argv).toEqual(['env', `SERVER=${HOSTILE}`, 'LB=lb1', 'sh', '-c', `printf '%s|' "$SERVER" "$LB"`]);
    const result = await runtime.run(run, null);
    expect(result.stdout).toBe(`${HOSTILE}|lb1|`);
    expect(existsSync(out('pwned'))).toBe(false);
  });

  it('says which value the selection lacks instead of running', () => {
    const { runtime } = setup();
    const run = invoke(runtime.commands[0]!, { SERVER: 's1', BACKEND: 'be', LB: 'lb1' });
    expect(run).toMatchObject({ ok: false, why: 'record: $NODE unknown for this selection (it gives $SERVER, $BACKEND, $LB)' });
  });

  it('keeps the first 1 MiB of a flood of output, marked truncated, with the exit status', async () => {
    const { runtime } = setup();
    const run = invoke(runtime.commands[3]!, { LB: 'lb1' });
    if (!run.ok) throw new Error(run.why);
    const result = await runtime.run(run, 'lb1');
    expect(result.truncated).toBe(true);
    expect(result.stdout.length).toBe(MAX_USER_OUTPUT_BYTES);
    expect(result.stdout.startsWith('lbtop\nlbtop\n')).toBe(true);
    expect(result.stderr).toContain('done');
  });

  it('kills a command past its timeout and reports it failed, audited as of unknown outcome', async () => {
    const { runtime } = setup();
    const run = invoke(runtime.commands[4]!, { LB: 'lb1' });
    if (!run.ok) throw new Error(run.why);
    const result = await runtime.run(run, 'lb1');
    expect(result).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/did not finish within 1000 ms/) });
    expect(auditLines().at(-1)).toMatchObject({ command: 'sleep 30', phase: 'error', reply: expect.stringMatching(/^OUTCOME UNKNOWN: /) });
  });
});

describe('user commands, --read-only', () => {
  it('the key of a dangerous command is removed (help and footer too); a dangerous: false one stays', () => {
    const { config } = setup(true);
    const keymap = buildKeymap({ readOnly: true }, [...COMMANDS, ...userCommandDefs(config.commands!)]);
    expect(resolveKey(keymap, 'table', { name: 'C', text: 'C' })).toMatchObject({ kind: 'removed', command: { id: 'user.record' } });
    expect(resolveKey(keymap, 'table', { name: 'Y', text: 'Y' })).toMatchObject({ kind: 'command', id: 'user.peek' });
    const hints = hintsFor(keymap, 'table').map((h) => `${h.keys} ${h.label}`);
    expect(hints).toContain('Y peek');
    expect(hints).not.toContain('C record');
    const writable = buildKeymap({ readOnly: false }, [...COMMANDS, ...userCommandDefs(config.commands!)]);
    expect(hintsFor(writable, 'table').map((h) => `${h.keys} ${h.label}`)).toContain('C record');
  });

  it('refuses the dangerous command in the action, with no audit record; the declared read runs', async () => {
    const { runtime } = setup(true);
    const run = invoke(runtime.commands[0]!, values);
    if (!run.ok) throw new Error(run.why);
    rmSync(out('argv.json'), { force: true });
    const result = await runtime.run(run, null);
    expect(result).toMatchObject({ outcome: 'refused', error: expect.stringMatching(/read-only/i) });
    expect(existsSync(out('argv.json'))).toBe(false);
    expect(auditLines(true)).toEqual([]);
    const peek = invoke(runtime.commands[1]!, values);
    if (!peek.ok) throw new Error(peek.why);
    expect((await runtime.run(peek, null)).outcome).toBe('done');
    expect(JSON.parse(readFileSync(out('peek.json'), 'utf8'))).toEqual([HOSTILE]);
    expect(auditLines(true).map((r) => r.phase)).toEqual(['send', 'reply']);
  });

  it('the transport gate holds even when the action is told the command only reads', async () => {
    const { config, audit } = setup(true);
    // The runner the runtime builds in read-only mode is gated: borrow it through a dangerous command run as if declared read.
    const dangerous = { ...config.commands![0]!, dangerous: false };
    const gatedRuntime = createUserCommandRuntime({ ...config, commands: [config.commands![1]!] }, audit);
    const run = invoke(dangerous, values);
    if (!run.ok) throw new Error(run.why);
    const result = await gatedRuntime.run(run, null);
    expect(result).toMatchObject({ outcome: 'refused' });
    expect(existsSync(out('argv.json'))).toBe(false);
    // And runWrite itself refuses a read-only runner unless the command was declared a read.
    const { readOnlyRunner } = await import('../../src/actions/write-gate.js');
    const { localRunner } = await import('../../src/transport/exec.js');
    await expect(runWrite(audit, 'local', readOnlyRunner(localRunner()), ['touch', out('pwned')])).rejects.toThrow(ReadOnlyError);
    expect(existsSync(out('pwned'))).toBe(false);
  });
});
