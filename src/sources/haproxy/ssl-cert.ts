// `show ssl cert` (the list) and `show ssl cert FILE` (one certificate), as HAProxy 2.6 prints them (recorded in
// fixtures/haproxy-certs). The list starts with "# filename"; an uncommitted transaction shows as "# transaction"
// followed by "*FILE" lines, which are skipped: lbtop shows what is in use, not what is being edited.
// From 3.0 a certificate loaded by a `crt-store` section is named `@STORE/ALIAS` (or `@STORE/FILE` without an
// alias) rather than by its path (fixtures/haproxy-certs/3.0): the same commands take that name.
import { CommandRejectedError, ParseError } from '../../model/errors.js';
import type { CertInfo } from '../../model/certs.js';
import type { RuntimeApi } from './client.js';
import { buildCommand } from './command.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `@clusters/k8s01` → `clusters`; a path → null. */
export function crtStoreOf(name: string): string | null {
  return /^@([^/]+)\//.exec(name)?.[1] ?? null;
}

export function parseSslCertList(reply: string): string[] {
  if (/^(Unknown command|Permission denied|Can't show)/.test(reply)) throw new CommandRejectedError('show ssl cert', reply);
  return reply.split('\n').filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('*'));
}

/** "Nov 28 16:25:42 2026 GMT" (OpenSSL's ASN1_TIME_print) → ISO 8601. */
export function parseCertTime(text: string, line = 1): string {
  const m = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4}) GMT$/.exec(text.trim());
  const month = m ? MONTHS.indexOf(m[1]!) : -1;
  if (!m || month < 0) throw new ParseError(`unexpected certificate time "${text}"`, line);
  return new Date(Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]))).toISOString();
}

export function parseSslCert(reply: string, lb: string, now: number): CertInfo {
  if (/^Can't (display|show)/.test(reply) || /^(Unknown command|Permission denied)/.test(reply)) throw new CommandRejectedError('show ssl cert FILE', reply);
  const fields = new Map<string, { value: string; line: number }>();
  reply.split('\n').forEach((row, i) => {
    const at = row.indexOf(': ');
    // The chain's fields repeat the names ("Chain Subject"); the first of each name is the leaf's.
    if (at > 0 && !fields.has(row.slice(0, at))) fields.set(row.slice(0, at), { value: row.slice(at + 2).trim(), line: i + 1 });
  });
  const get = (name: string) => fields.get(name)?.value || null;
  const file = get('Filename');
  if (!file) throw new ParseError('not a `show ssl cert FILE` reply (no Filename)', 1);
  const after = fields.get('notAfter');
  const notAfter = after?.value ? parseCertTime(after.value, after.line) : null;
  const before = fields.get('notBefore');
  const status = get('Status') ?? 'Unknown';
  return {
    lb,
    file,
    store: crtStoreOf(file),
    status,
    used: status === 'Used',
    subject: get('Subject'),
    issuer: get('Issuer'),
    sans: (get('Subject Alternative Name') ?? '').split(',').map((s) => s.trim().replace(/^(DNS|IP Address):/, '')).filter(Boolean),
    serial: get('Serial'),
    algorithm: get('Algorithm'),
    notBefore: before?.value ? parseCertTime(before.value, before.line) : null,
    notAfter,
    daysLeft: notAfter === null ? null : Math.floor((Date.parse(notAfter) - now) / 86_400_000),
  };
}

/**
 * HAProxy answers any `show ssl cert` with "Can't show!\nOperations on certificates are currently locked!" while
 * another CLI session holds the certificate lock (another lbtop, a cert update, `show ssl cert` elsewhere).
 * That is a moment, not an answer: asked again, a few times, before it counts.
 */
const LOCKED = /Operations on certificates are currently locked/;
const LOCK_TRIES = 20;

async function showCert(api: RuntimeApi, command: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const reply = await api.send(command);
    if (!LOCKED.test(reply) || attempt >= LOCK_TRIES) return reply;
    await new Promise((r) => setTimeout(r, 25 * attempt));
  }
}

/** Every certificate of one LB; a file that cannot be shown is reported with status "error: ...". */
export async function readCerts(api: RuntimeApi, lb: string, now: number): Promise<CertInfo[]> {
  const files = parseSslCertList(await showCert(api, 'show ssl cert'));
  const out: CertInfo[] = [];
  for (const file of files) {
    try {
      out.push(parseSslCert(await showCert(api, buildCommand('show', 'ssl', 'cert', file)), lb, now));
    } catch (error) {
      out.push({ lb, file, store: crtStoreOf(file), status: `error: ${error instanceof Error ? error.message : String(error)}`, used: false, subject: null, issuer: null, sans: [], serial: null, algorithm: null, notBefore: null, notAfter: null, daysLeft: null });
    }
  }
  return out;
}
