// Certificates in the CERTS view's order: soonest expiry first, then by file.
import type { CertInfo } from '../../model/certs.js';

export function certsSortedForView(certs: readonly CertInfo[]): CertInfo[] {
  return [...certs].sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || a.file.localeCompare(b.file) || a.lb.localeCompare(b.lb));
}
