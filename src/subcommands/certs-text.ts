// Certificates as a text table for `lbtop certs`, soonest expiry first; expiring ones are marked. The columns are
// the CERTS view's (src/present/columns/certs.ts).
import type { CertInfo } from '../model/certs.js';
import { certTextColumns } from '../present/columns/certs.js';
import { textTable } from '../present/text-table.js';

export function certsSorted(certs: readonly CertInfo[]): CertInfo[] {
  return [...certs].sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || a.file.localeCompare(b.file));
}

export function formatCerts(certs: readonly CertInfo[], warnDays: number): string {
  if (certs.length === 0) return 'No certificates loaded.';
  return textTable(certTextColumns, certsSorted(certs), { warnDays }, { gap: '  ' }).join('\n');
}
