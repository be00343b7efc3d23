// The certificates table's columns (CERTS view and `lbtop certs`): soonest expiry first, the days left coloured by
// how soon. The TUI shows file and names in one column; the CLI in two, with a mark a grep can find (EXPIRED, SOON).
import type { CertInfo } from '../../model/certs.js';
import type { Column } from '../table.js';

export interface CertContext {
  /** Days before expiry from which a certificate is shown as expiring soon. */
  warnDays: number;
}

export type CertColumn = Column<CertInfo, CertContext>;

export function certLevel(c: CertInfo, warnDays: number): 'expired' | 'soon' | 'ok' | 'none' {
  if (c.daysLeft === null) return 'none';
  if (c.daysLeft < 0) return 'expired';
  return c.daysLeft <= warnDays ? 'soon' : 'ok';
}

const LEVEL_TOKEN = { expired: 'status.down', soon: 'status.drain', ok: 'status.up', none: 'text.dim' } as const;
const MARK = { expired: 'EXPIRED', soon: 'SOON', ok: '', none: '' } as const;

const col = (id: string, header: string, width: number, of: (c: CertInfo) => string): CertColumn => ({ id, header, width, align: 'left', cell: (c) => ({ text: of(c) }) });

export const CERT_COLUMNS = {
  mark: { ...col('mark', '', 7, () => ''), cell: (c, ctx) => ({ text: MARK[certLevel(c, ctx.warnDays)], token: LEVEL_TOKEN[certLevel(c, ctx.warnDays)] }) },
  lb: col('lb', 'LB', 10, (c) => c.lb),
  days: { id: 'days', header: 'DAYS', width: 5, align: 'right', cell: (c, ctx) => ({ text: c.daysLeft === null ? '-' : String(c.daysLeft), token: LEVEL_TOKEN[certLevel(c, ctx.warnDays)] }) },
  notAfter: col('notAfter', 'NOT AFTER', 10, (c) => (c.notAfter ?? '-').slice(0, 10)),
  status: col('status', 'STATUS', 7, (c) => (c.used ? 'used' : c.status.toLowerCase())),
  fileNames: { ...col('fileNames', 'FILE / NAMES', 0, (c) => `${c.file}  ${c.sans.join(',')}`), rest: true },
  file: col('file', 'FILE', 0, (c) => c.file),
  names: col('names', 'NAMES', 0, (c) => c.sans.join(',') || (c.subject ?? '')),
} satisfies Record<string, CertColumn>;

const C = CERT_COLUMNS;
/** The CERTS view: the screen is narrow, file and names share the last column. */
export const certViewColumns: CertColumn[] = [C.lb, C.days, C.notAfter, C.status, C.fileNames];
/** `lbtop certs`: every field in its own column, the expiring ones marked in the first. */
export const certTextColumns: CertColumn[] = [C.mark, C.lb, C.days, C.notAfter, C.status, C.file, C.names];
