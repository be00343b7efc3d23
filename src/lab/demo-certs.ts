// The homelab LB's TLS certificates, made fresh at every demo start with the `openssl` CLI: a throw-away demo CA
// and one wildcard certificate per cluster domain, as seed 000 issues them with acme.sh (k8s01, k8s01-dev,
// k8s02-dev), each written as HAProxy's `crt DIR/` wants it (chain then key in one .pem). The dev cluster's
// certificate expires within days (its renewal "failed"), so 9-CERTS has a warning to show; the others are
// valid. Keys never leave the lab directory, which the demo removes when it stops.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface DemoCert {
  domain: string;
  /** Validity from now, in days. */
  days: number;
}

/** Let's Encrypt issues for 90 days; acme.sh renews at 60. k8s02-dev's renewal is the one that did not happen. */
export const DEMO_CERTS: readonly DemoCert[] = [
  { domain: 'k8s01.example.net', days: 80 },
  { domain: 'k8s01-dev.example.net', days: 45 },
  { domain: 'k8s02-dev.example.net', days: 4 },
];

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/**
 * Writes `${certsDir}/${domain}.pem` for each certificate; the CA and the work files stay in `${pkiDir}`
 * (outside the directory HAProxy loads whole). Returns the .pem paths.
 */
export async function makeDemoCerts(certsDir: string, pkiDir: string, certs: readonly DemoCert[] = DEMO_CERTS): Promise<string[]> {
  mkdirSync(certsDir, { recursive: true, mode: 0o700 });
  mkdirSync(pkiDir, { recursive: true, mode: 0o700 });
  const ca = { key: path.join(pkiDir, 'ca.key'), crt: path.join(pkiDir, 'ca.crt') };
  await run('openssl', ['req', '-x509', ...EC, '-keyout', ca.key, '-out', ca.crt, '-days', '365', '-subj', '/O=lbtop demo/CN=lbtop demo CA']);
  return Promise.all(certs.map(async ({ domain, days }, i) => {
    const key = path.join(pkiDir, `${domain}.key`);
    const crt = path.join(pkiDir, `${domain}.crt`);
    // One call per certificate: OpenSSL 3's `req -CA` signs the new key's request itself (no CSR file). It would
    // mark the leaf CA:TRUE (openssl.cnf's v3_ca section), which a server certificate is not.
    await run('openssl', ['req', ...EC, '-keyout', key, '-out', crt, '-CA', ca.crt, '-CAkey', ca.key, '-set_serial', String(0x1000 + i), '-days', String(days),
      '-subj', `/CN=${domain}`, '-addext', `subjectAltName=DNS:${domain},DNS:*.${domain}`, '-addext', 'basicConstraints=critical,CA:FALSE']);
    const pem = path.join(certsDir, `${domain}.pem`);
    writeFileSync(pem, readFileSync(crt, 'utf8') + readFileSync(ca.crt, 'utf8') + readFileSync(key, 'utf8'), { mode: 0o600 });
    return pem;
  }));
}
