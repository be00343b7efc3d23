// The audit log and the incident snapshot never hold a secret HAProxy printed. A real HAProxy 2.6 terminates TLS
// with a throwaway certificate and a tls-ticket-keys file, so `show tls-keys *` really prints the keys; the built
// bin runs `cli` as a runbook would, and the TUI (in tmux) sends the same command from its CLI view and writes a
// snapshot with `S`. The keys and an environment secret must reach stdout and the screen, and they (and the
// certificate's private key) must be nowhere in audit.jsonl or the snapshot files.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { BIN, ensureFreshBuild, ROOT } from './fresh-build.js';
import { tmuxTerminal, wait } from './tmux.js';

const TICKET_KEYS = [1, 2, 3].map(() => randomBytes(80).toString('base64'));
const NEW_KEY = randomBytes(80).toString('base64');
const ENV_SECRET = `s3cret-${randomBytes(12).toString('hex')}`;
const term = tmuxTerminal(`lbtop-audit-${process.pid}`, 'audit', { joined: true });
const { tmux, pane, until } = term;

interface Record { command: string; phase: string; readOnly?: boolean; reply?: string; summary?: { bytes: number; lines: number; firstLine?: string; withheld?: string } }

describe('the audit log and snapshots keep no secrets', () => {
  let dir: string;
  let state: string;
  let haproxy: HaproxyProcess;
  let privateKey: string;
  const lbtop = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [BIN, '-s', `h1=${haproxy.socket}`, ...args], { cwd: ROOT, env: { ...process.env, XDG_STATE_HOME: state, XDG_CONFIG_HOME: '/nonexistent' } },
        (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });
  const auditText = () => readFileSync(path.join(state, 'lbtop', 'audit.jsonl'), 'utf8');
  const records = (): Record[] => auditText().trim().split('\n').map((line) => JSON.parse(line) as Record);
  const secrets = () => [...TICKET_KEYS, NEW_KEY, ENV_SECRET, ...privateKey.split('\n').filter((l) => l.length > 40)];

  beforeAll(async () => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-audit-'));
    state = path.join(dir, 'state');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${dir}/key.pem`, '-out', `${dir}/cert.pem`, '-days', '2', '-subj', '/CN=audit.lab.test'], { stdio: 'ignore' });
    privateKey = readFileSync(`${dir}/key.pem`, 'utf8');
    writeFileSync(`${dir}/site.pem`, readFileSync(`${dir}/cert.pem`, 'utf8') + privateKey);
    writeFileSync(`${dir}/tickets.key`, `${TICKET_KEYS.join('\n')}\n`);
    haproxy = await startHaproxy({
      name: 'h1',
      dir,
      config: [
        'global', '  stats socket @SOCKET@ mode 600 level admin', `  setenv LBTOP_LAB_SECRET ${ENV_SECRET}`,
        'defaults', '  mode http', '  timeout connect 1s', '  timeout client 5s', '  timeout server 5s',
        'frontend tls', `  bind unix@@DIR@/tls.sock ssl crt ${dir}/site.pem tls-ticket-keys ${dir}/tickets.key`, '  default_backend be',
        'backend be', '  server s1 127.0.0.1:1', '',
      ].join('\n'),
    });
  }, 180_000);
  afterAll(async () => {
    term.kill();
    await haproxy?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('`cli show tls-keys *` and `show env` print the secrets; audit.jsonl keeps only their size', async () => {
    const keys = await lbtop('-n', 'cli', 'show tls-keys *');
    expect(keys.code, keys.stderr).toBe(0);
    for (const key of TICKET_KEYS) expect(keys.stdout).toContain(key);
    const env = await lbtop('-n', 'cli', 'show env LBTOP_LAB_SECRET');
    expect(env.stdout).toContain(ENV_SECRET);

    const text = auditText();
    for (const secret of secrets()) expect(text).not.toContain(secret);
    const replies = records().filter((r) => r.phase === 'reply');
    expect(replies[0]).toEqual(expect.objectContaining({ command: 'show tls-keys *', readOnly: true }));
    expect(replies[0]).not.toHaveProperty('reply');
    expect(replies[0]!.summary).toEqual({ bytes: Buffer.byteLength(keys.stdout), lines: 5, withheld: expect.stringMatching(/TLS ticket keys/) });
    expect(replies[1]!.summary).toEqual(expect.objectContaining({ lines: 1, withheld: expect.any(String) }));
    expect(replies[1]!.summary).not.toHaveProperty('firstLine');
  });

  it('a read is summarised (size, lines, first line); a write keeps its reply and loses its secret argument', async () => {
    const stat = await lbtop('-n', 'cli', 'show stat');
    expect(stat.code).toBe(0);
    const tls = await lbtop('cli', `set ssl tls-key ${dir}/tickets.key ${NEW_KEY}`);
    expect([tls.code, tls.stdout]).toEqual([0, 'TLS ticket key updated!\n\n']);
    const refused = await lbtop('cli', 'set server be/nosuch state drain');
    expect(refused.stdout).toMatch(/No such server/);

    const all = records();
    const statReply = all.find((r) => r.command === 'show stat' && r.phase === 'reply')!;
    expect(statReply).not.toHaveProperty('reply');
    expect(statReply.summary).toEqual({
      bytes: Buffer.byteLength(stat.stdout),
      lines: stat.stdout.trimEnd().split('\n').length,
      firstLine: expect.stringMatching(/^# pxname,svname,qcur,/),
    });
    expect(auditText()).not.toMatch(/^be,s1,/m);
    expect(auditText()).not.toContain('tls,FRONTEND');
    const tlsRecords = all.filter((r) => r.command.startsWith('set ssl tls-key'));
    expect(tlsRecords.map((r) => [r.phase, r.command, r.readOnly, r.reply])).toEqual([
      ['send', `set ssl tls-key ${dir}/tickets.key [secret withheld]`, false, undefined],
      ['reply', `set ssl tls-key ${dir}/tickets.key [secret withheld]`, false, 'TLS ticket key updated!\n\n'],
    ]);
    expect(all.find((r) => r.command === 'set server be/nosuch state drain' && r.phase === 'reply')!.reply).toBe(refused.stdout);
    for (const secret of secrets()) expect(auditText()).not.toContain(secret);
  });

  it('the TUI CLI view shows the keys, and the snapshot written after it holds none of them', async () => {
    const command = ['env -u CI', `XDG_STATE_HOME=${state}`, BIN, '-n', '-s', `h1=${haproxy.socket}`, '; echo LBTOP-EXITED-$?; sleep 30'].join(' ');
    tmux('new-session', '-d', '-s', 'audit', '-x', '200', '-y', '30', command);
    await until('the first screen', () => pane().includes('s1'));
    tmux('send-keys', '-t', 'audit', '5');
    await wait(300);
    tmux('send-keys', '-t', 'audit', '-l', 'show tls-keys *');
    tmux('send-keys', '-t', 'audit', 'Enter');
    // After the `set ssl tls-key` above HAProxy holds the second and third keys of the file and the new one.
    await until('the keys on screen', () => pane().includes(NEW_KEY.slice(0, 60)));
    tmux('send-keys', '-t', 'audit', 'Escape');
    await wait(300);
    tmux('send-keys', '-t', 'audit', 'S');
    const snapshots = path.join(state, 'lbtop', 'snapshots');
    await until('the snapshot', () => existsSync(snapshots) && readdirSync(snapshots).some((f) => f.endsWith('.txt')));
    await until('the snapshot message', () => pane().includes('snapshot written'));
    tmux('send-keys', '-t', 'audit', 'q');
    await until('lbtop to exit', () => pane().includes('LBTOP-EXITED-0'));

    const files = readdirSync(snapshots).map((f) => readFileSync(path.join(snapshots, f), 'utf8'));
    expect(files).toHaveLength(2);
    const json = JSON.parse(files.find((f) => f.startsWith('{'))!) as { audit: Record[] };
    expect(json.audit.map((r) => [r.phase, r.command, r.summary?.withheld])).toEqual([
      ['send', 'show tls-keys *', undefined],
      ['reply', 'show tls-keys *', expect.stringMatching(/TLS ticket keys/)],
    ]);
    expect(files.find((f) => !f.startsWith('{'))).toMatch(/reply {2}show tls-keys \* {2}→ \[\d+ bytes, 5 lines; not kept: show tls-keys prints TLS ticket keys\]/);
    for (const secret of secrets()) {
      for (const file of files) expect(file).not.toContain(secret);
      expect(auditText()).not.toContain(secret);
    }
  }, 60_000);
});
