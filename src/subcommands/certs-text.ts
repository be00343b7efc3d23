// Certificates as a text table for `lbtop certs`, soonest expiry first; expiring ones are marked.
import type { CertInfo } from '../model/certs.js';

export function certsSorted(certs: readonly CertInfo[]): CertInfo[] {
  return [...certs].sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || a.file.localeCompare(b.file));
}

export function formatCerts(certs: readonly CertInfo[], warnDays: number): string {
  if (certs.length === 0) return 'No certificates loaded.';
  const rows = certsSorted(certs).map((c) => {
    const days = c.daysLeft === null ? '-' : String(c.daysLeft);
    const mark = c.daysLeft !== null && c.daysLeft < 0 ? 'EXPIRED' : c.daysLeft !== null && c.daysLeft <= warnDays ? 'SOON' : '';
    return [mark, c.lb, days, (c.notAfter ?? '-').slice(0, 10), c.used ? 'used' : c.status.toLowerCase(), c.file, c.sans.join(',') || (c.subject ?? '')];
  });
  const head = ['', 'LB', 'DAYS', 'NOT AFTER', 'STATUS', 'FILE', 'NAMES'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [head, ...rows].map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}
