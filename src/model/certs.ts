// TLS certificates as HAProxy holds them in memory (`show ssl cert`), for the CERTS view. Imports nothing.

export interface CertInfo {
  lb: string;
  file: string;
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
