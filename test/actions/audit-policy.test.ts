// The audit policy on the texts lbtop's callers hand to AuditLog.append (commands built by the failover steps,
// ssl commands with a real PEM payload, chains, master-CLI prefixes) and on records a snapshot copies without
// going through append. The live side (real HAProxy printing real TLS ticket keys) is test/e2e/audit-secrets.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditLog, type AuditRecord } from '../../src/actions/audit-log.js';
import { applyAuditPolicy } from '../../src/actions/audit-policy.js';
import { describeStep } from '../../src/actions/failover/steps.js';
import { buildSnapshot, snapshotText, writeSnapshotFiles } from '../../src/subcommands/snapshot.js';

const KEY_PEM = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const KEY_BODY = KEY_PEM.split('\n')[1]!;

function logged(...entries: Parameters<ReturnType<typeof openAuditLog>['append']>[0][]): { records: readonly AuditRecord[]; text: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-audit-policy-'));
  try {
    const log = openAuditLog(path.join(dir, 'audit.jsonl'));
    for (const entry of entries) log.append(entry);
    return { records: log.records, text: readFileSync(path.join(dir, 'audit.jsonl'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the audit policy', () => {
  it('redacts secret arguments and ssl payloads, keeps map payloads and ordinary commands as sent', () => {
    const { records, text } = logged(
      { lb: 'h1', phase: 'send', command: '@1 set ssl tls-key #1 c2VjcmV0LXRpY2tldC1rZXk=' },
      { lb: 'h1', phase: 'send', command: 'set ssl ocsp-response MIIBc2VjcmV0' },
      { lb: 'h1', phase: 'send', command: `set ssl cert /etc/haproxy/site.pem <<\n${KEY_PEM}` },
      { lb: 'h1', phase: 'send', command: `add ssl ech fe/@haproxy.cfg:12 <<%EOF%\n${KEY_PEM}%EOF%` },
      { lb: 'h1', phase: 'send', command: 'add map #3 <<\nexample.net be_web\n' },
      { lb: 'h1', phase: 'send', command: 'set server be/s1 state drain' },
    );
    expect(records.map((r) => [r.command, r.readOnly])).toEqual([
      ['@1 set ssl tls-key #1 [secret withheld]', false],
      ['set ssl ocsp-response [secret withheld]', false],
      [`set ssl cert /etc/haproxy/site.pem <<\n[payload withheld: ${KEY_PEM.length} bytes]`, false],
      [`add ssl ech fe/@haproxy.cfg:12 <<%EOF%\n[payload withheld: ${KEY_PEM.length + 5} bytes]`, false],
      ['add map #3 <<\nexample.net be_web\n', false],
      ['set server be/s1 state drain', false],
    ]);
    expect(text).not.toContain('c2VjcmV0');
    expect(text).not.toContain(KEY_BODY);
    for (const r of records) expect(applyAuditPolicy(r)).toEqual(r);
  });

  it('takes keepalived and heartbeat secrets out of failover steps and replies, wherever they sit on a line', () => {
    const edit = describeStep({ kind: 'edit-conf', lb: 'lb1', path: '/etc/keepalived/keepalived.conf', base: '', line: 9, newLine: '    auth_pass hunter22', insert: false, why: '' });
    const { records, text } = logged(
      { lb: 'lb1', phase: 'send', command: edit },
      { lb: 'lb1', phase: 'error', command: edit, reply: `keepalived -t refused: "auth_pass hunter22" / 1 sha1 0ddba11c0ffee` },
      { lb: 'lb1', phase: 'reply', command: 'cat /etc/ha.d/authkeys', reply: 'auth 1\n1 sha1 0ddba11c0ffee\n' },
      { lb: 'lb1', phase: 'reply', command: 'keepalived --dump', reply: `  Password = hunter22\n{"auth_data": "hunter22"}\n${KEY_PEM}` },
    );
    expect(records[0]!.command).toBe('edit /etc/keepalived/keepalived.conf line 9: auth_pass ********');
    expect(text).not.toMatch(/hunter22|0ddba11c0ffee/);
    expect(text).not.toContain(KEY_BODY);
    expect(records[2]!.reply).toBe('auth 1\n1 sha1 ********\n');
  });

  it('summarises reads, withholds even the first line of secret ones (chains and master prefixes too), caps writes', () => {
    const stat = `# pxname,svname,${'x,'.repeat(300)}\nbe,s1\n\n`;
    const { records } = logged(
      { lb: 'h1', phase: 'reply', command: 'show stat', reply: stat },
      { lb: 'h1', phase: 'reply', command: '@!4242 show env', reply: 'TOKEN=abc\n' },
      { lb: 'h1', phase: 'reply', command: 'show info; show tls-keys #0', reply: 'Name: HAProxy\n0.0 a2V5\n' },
      { lb: 'h1', phase: 'reply', command: 'show map #1', reply: '0x55d0 api-token-1 be_api\n' },
      { lb: 'h1', phase: 'reply', command: 'show map', reply: '# id (file) description\n' },
      { lb: 'h1', phase: 'reply', command: 'show sess show-uri', reply: '0x55d0: proto=tcpv4 uri=/cb?token=abc\n' },
      { lb: 'h1', phase: 'reply', command: 'set map #1 k v', reply: 'entry not found.\n'.repeat(100) },
    );
    expect(records.map((r) => [r.readOnly, r.reply, r.summary])).toEqual([
      [true, undefined, { bytes: stat.length, lines: 2, firstLine: `# pxname,svname,${'x,'.repeat(92)}… (616 bytes in all)` }],
      [true, undefined, { bytes: 10, lines: 1, withheld: expect.stringMatching(/environment/) }],
      [true, undefined, { bytes: 23, lines: 2, withheld: expect.stringMatching(/TLS ticket keys/) }],
      [true, undefined, { bytes: 26, lines: 1, withheld: 'the first line is a map entry' }],
      [true, undefined, { bytes: 24, lines: 1, firstLine: '# id (file) description' }],
      [true, undefined, { bytes: 38, lines: 1, withheld: expect.stringMatching(/URIs/) }],
      [false, `${'entry not found.\n'.repeat(100).slice(0, 1000)}… (1700 bytes in all)`, undefined],
    ]);
    // Applying the policy again (a snapshot does) changes nothing.
    for (const r of records) expect(applyAuditPolicy(r)).toEqual(r);
  });

  it('a snapshot applies the policy to records that never went through append', () => {
    const reply = '# id secret\n# 0 (/k)\n0.0 c2VjcmV0LXRpY2tldC1rZXk=\n\n';
    const raw: AuditRecord[] = [
      { time: 't', user: 'u', lb: 'h1', phase: 'send', command: 'set ssl tls-key #1 c2VjcmV0LXRpY2tldC1rZXk=' },
      { time: 't', user: 'u', lb: 'h1', phase: 'reply', command: 'show tls-keys *', reply },
    ];
    const fleet = { lbs: [], clusters: [] } as unknown as Parameters<typeof buildSnapshot>[0];
    const snapshot = buildSnapshot(fleet, [], raw, new Date(0));
    expect(snapshot.audit.map((r) => r.command)).toEqual(['set ssl tls-key #1 [secret withheld]', 'show tls-keys *']);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-audit-snap-'));
    try {
      const { fleet: _skip, ...noFleet } = snapshot;
      const files = writeSnapshotFiles(path.join(dir, 'snap.json'), noFleet, snapshotText(noFleet));
      const written = readFileSync(files.json, 'utf8') + readFileSync(files.text, 'utf8');
      expect(written).not.toContain('c2VjcmV0');
      expect(written).toContain(`reply  show tls-keys *  → [${reply.length} bytes, 3 lines; not kept: show tls-keys prints TLS ticket keys]`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
