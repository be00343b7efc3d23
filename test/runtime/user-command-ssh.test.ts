// A user command with `where: lb` runs on the LB's host over the real sshd of the namespace lab, as the SSH
// login user, through the same SshPool the fleet polls with: the hostile value stays one word through the remote
// login shell (each word quoted, transport/ssh/quote.ts), and the run is audited under that LB's name.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { invoke } from '../../src/actions/user-command.js';
import { loadConfig } from '../../src/config/load.js';
import { labSshConfig, startSshLab, type SshLab } from '../../src/lab/netns/ssh-lab.js';
import { createUserCommandRuntime } from '../../src/runtime/user-command-runtime.js';

describe('user commands on the LB host, over real sshd', () => {
  let ssh: SshLab;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-user-ssh-'));
  beforeAll(async () => {
    ssh = await startSshLab({
      hosts: { lb1: () => [] },
      sshConfig: labSshConfig(['lb1']),
    });
  }, 60_000);
  afterAll(async () => {
    await ssh?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs with the selection as words on the LB host, as the login user, and audits it under the LB', async () => {
    const marker = path.join(dir, 'pwned');
    const hostile = `a b; $(touch ${marker}) \`touch ${marker}\` 'q'`;
    const { config, issues } = loadConfig(`
defaults: { ssh: { config: ${ssh.configFile} } }
lbs:
  lb1: { ssh: lb1, haproxy: { socket: /run/haproxy/none.sock } }
commands:
  - { name: who, key: W, scope: server, where: lb, command: [sh, -c, 'id -un; printf "%s\\n" "$@"', sh, $SERVER, $LB] }
  - { name: envs, key: E, scope: server, where: lb, shell: true, command: 'printf "%s|" "$SERVER" "$LB"' }
`);
    expect(issues).toEqual([]);
    const audit = openAuditLog(path.join(dir, 'audit.jsonl'));
    const pool = ssh.pool();
    const runtime = createUserCommandRuntime(config!, audit, { ssh: pool });
    const values = { SERVER: hostile, LB: 'lb1', BACKEND: 'be', NODE: 'n1' };
    const who = invoke(runtime.commands[0]!, values);
    if (!who.ok) throw new Error(who.why);
    const result = await runtime.run(who, 'lb1');
    expect(result).toMatchObject({ outcome: 'done', code: 0, where: 'ssh lb1' });
    expect(result.stdout).toBe(`${ssh.user}\n${hostile}\nlb1\n`);
    const envs = invoke(runtime.commands[1]!, values);
    if (!envs.ok) throw new Error(envs.why);
    expect((await runtime.run(envs, 'lb1')).stdout).toBe(`${hostile}|lb1|`);
    expect(existsSync(marker)).toBe(false);
    const records = readFileSync(path.join(dir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(records.map((r) => [r.lb, r.phase, r.command])).toEqual([
      ['lb1', 'send', who.line],
      ['lb1', 'reply', who.line],
      ['lb1', 'send', envs.line],
      ['lb1', 'reply', envs.line],
    ]);
    pool.close();
  });
});
