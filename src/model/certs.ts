// TLS certificates as HAProxy holds them in memory (`show ssl cert`), for the CERTS view. Imports nothing.

export interface CertInfo {
  lb: string;
  /** The name HAProxy gives it: a path, or `@STORE/NAME` for one loaded from a `crt-store` section (3.0+). */
  file: string;
  /** The crt-store's name when the certificate comes from one (`@clusters/k8s01` → `clusters`), else null. */
  store: string | null;
  /** `Used` (a bind or server uses it), `Unused`, `Empty` (created at runtime, no content yet). */
  status: string;
  used: boolean;
  subject: string | null;
  issuer: string | null;
  /** DNS names (and IPs) from the Subject Alternative Name, without their `DNS:` prefix. */
  sans: string[];
  serial: string | null;
  algorithm: string | null;
  notBefore: string | null;
  /** ISO 8601; null when HAProxy gave none (an empty cert). */
  notAfter: string | null;
  /** Whole days until notAfter (negative once expired); null without notAfter. */
  daysLeft: number | null;
}
