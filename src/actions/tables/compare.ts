// The same stick table across the LBs that have it: keys held by some LBs and not others, and keys whose stored
// values differ. Pure: dumps in, rows out, for the TABLES panel and `lbtop tables NAME --compare`. Not compared:
// use= and exp= (each LB's own sessions and clock) and conn_cur, which peers never send (stick_table.c marks it
// is_local), so it differs between synced LBs by design.
import type { StickEntry, StickTableDump } from '../../model/tables.js';

const LOCAL_ONLY = new Set(['conn_cur']);

export interface CompareRow {
  key: string;
  /** 'missing': some LBs that have the table do not hold the key; 'differs': all hold it, values differ. */
  kind: 'missing' | 'differs';
  /** Each LB's entry, null where the key is absent. */
  perLb: Record<string, StickEntry | null>;
  /** The columns whose values differ (for 'differs'). */
  columns: string[];
}

export interface TableCompare {
  table: string;
  /** LBs that have the table, in the order given. */
  lbs: string[];
  /** LBs read that have no table of that name. */
  without: string[];
  rows: CompareRow[];
  /** Keys held alike by every LB. */
  same: number;
}

function differingColumns(entries: StickEntry[]): string[] {
  const columns = new Set(entries.flatMap((e) => e.data.map((d) => d.column)));
  return [...columns].filter((column) => {
    if (LOCAL_ONLY.has(column)) return false;
    const values = entries.map((e) => e.data.find((d) => d.column === column)?.value ?? null);
    return values.some((v) => v !== values[0]);
  });
}

export function compareTables(table: string, dumps: ReadonlyMap<string, StickTableDump | null>): TableCompare {
  const lbs = [...dumps].filter(([, d]) => d !== null).map(([lb]) => lb);
  const without = [...dumps].filter(([, d]) => d === null).map(([lb]) => lb);
  const byKey = new Map<string, Record<string, StickEntry | null>>();
  for (const lb of lbs) {
    for (const entry of dumps.get(lb)!.entries) {
      const row = byKey.get(entry.key) ?? Object.fromEntries(lbs.map((l) => [l, null]));
      row[lb] = entry;
      byKey.set(entry.key, row);
    }
  }
  const rows: CompareRow[] = [];
  let same = 0;
  for (const [key, perLb] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const present = Object.values(perLb).filter((e): e is StickEntry => e !== null);
    if (present.length < lbs.length) rows.push({ key, kind: 'missing', perLb, columns: [] });
    else {
      const columns = differingColumns(present);
      if (columns.length) rows.push({ key, kind: 'differs', perLb, columns });
      else same++;
    }
  }
  return { table, lbs, without, rows, same };
}

/** The compare as text lines (the subcommand; the panel renders the same rows). */
export function compareText(c: TableCompare): string[] {
  const lines = [`${c.table} on ${c.lbs.join(', ') || 'no LB'}: ${c.same} key(s) alike, ${c.rows.length} differ`];
  if (c.without.length) lines.push(`  not on: ${c.without.join(', ')}`);
  for (const r of c.rows) {
    if (r.kind === 'missing') {
      const on = Object.entries(r.perLb).filter(([, e]) => e).map(([lb]) => lb);
      const off = Object.entries(r.perLb).filter(([, e]) => !e).map(([lb]) => lb);
      lines.push(`  ${r.key}: only on ${on.join(', ')} (missing on ${off.join(', ')})`);
    } else {
      const values = r.columns.map((col) => `${col} ${Object.entries(r.perLb).map(([lb, e]) => `${lb}=${e?.data.find((d) => d.column === col)?.value ?? '-'}`).join(' ')}`);
      lines.push(`  ${r.key}: ${values.join('; ')}`);
    }
  }
  return lines;
}
