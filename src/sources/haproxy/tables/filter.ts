// A filter on a stick table's entries, from the column the operator picked in the dump to the words HAProxy takes
// after `show table NAME`. The dump prints HAProxy's gpc/gpt ARRAYS element by element under names that look like
// the legacy types (stick_table.c table_dump_entry_to_buffer: array `gpc_rate` element 1 prints as
// `gpc1_rate(10000)`), while the filter parser wants a data type's own name (stktable_get_data_type):
//   HAProxy < 3.2: `data.gpc0` / `data.gpc0_rate` (legacy types) or `data.gpc` / `data.gpc_rate`, which compare the
//                  array's FIRST element only (stktable_data_ptr); no other element can be filtered by HAProxy;
//   HAProxy ≥ 3.2: also `data.gpc[N]` / `data.gpc_rate[N]` (stktable_get_data_type_idx, commit e8b7337d8).
// From the dump alone `gpc0=` may be the legacy type or the array's element 0, so the candidates come in order and
// the reader tries the next when HAProxy says "Data type not stored in this table". A column no candidate can
// express (an array element past 0 before 3.2) is filtered by lbtop on the whole dump instead.
import { UnsafeArgumentError } from '../../../model/errors.js';
import type { StickEntry } from '../../../model/tables.js';

export const FILTER_OPS = ['eq', 'ne', 'le', 'ge', 'lt', 'gt'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export interface TableFilter {
  /** The dump's column ("gpc1_rate(10000)", "gpc1_rate", "http_req_cnt"), or a 3.2-style "gpc_rate[1]". */
  column: string;
  op: FilterOp;
  value: number;
}

const SYMBOLS: Record<string, FilterOp> = { '=': 'eq', '==': 'eq', '!=': 'ne', '<=': 'le', '>=': 'ge', '<': 'lt', '>': 'gt' };

/** "data.gpc0_rate gt 5", "gpc1_rate(10000) >= 3", "data.gpc_rate[1] ge 3" → a filter; throws on anything else. */
export function parseFilter(text: string): TableFilter {
  const m = /^\s*(?:data\.)?([a-z][a-z0-9_]*(?:\(\d+\)|\[\d+\])?)\s+(eq|ne|le|ge|lt|gt|==|!=|<=|>=|=|<|>)\s+(-?\d+)\s*$/.exec(text);
  if (!m) throw new UnsafeArgumentError(`not a table filter: ${JSON.stringify(text)}`, "write it as 'data.<column> <eq|ne|le|ge|lt|gt> <integer>', e.g. 'data.gpc0_rate gt 5'");
  return { column: m[1]!, op: SYMBOLS[m[2]!] ?? (m[2] as FilterOp), value: Number(m[3]) };
}

/** [major, minor] of "2.6.12-1+deb12u4"; null when unknown. */
export function versionOf(text: string | null | undefined): [number, number] | null {
  const m = /^(\d+)\.(\d+)/.exec(text ?? '');
  return m ? [Number(m[1]), Number(m[2])] : null;
}

const atLeast = (v: [number, number] | null, major: number, minor: number) => v !== null && (v[0] > major || (v[0] === major && v[1] >= minor));

/**
 * The data names HAProxy may know the column by, most likely first (each goes after `data.`). Empty: no HAProxy of
 * this version can filter on it; lbtop filters the dump itself. An unknown version is taken as the oldest.
 */
export function filterCandidates(column: string, version: string | null): string[] {
  const indexed = atLeast(versionOf(version), 3, 2);
  const bare = column.replace(/\(\d+\)$/, '');
  const explicit = /^(gpc|gpt|gpc_rate)\[(\d+)\]$/.exec(bare);
  if (explicit) return indexed ? [bare] : explicit[2] === '0' ? [explicit[1]!] : [];
  const m = /^(gpc|gpt)(\d+)(_rate)?$/.exec(bare);
  if (!m) return [bare];
  const [, family, n, rate = ''] = m;
  const legacy = (family === 'gpc' && (n === '0' || n === '1')) || (family === 'gpt' && n === '0' && !rate) ? [`${family}${n}${rate}`] : [];
  const array = `${family}${rate}`;
  const element = indexed ? [`${array}[${n}]`] : n === '0' ? [array] : [];
  return [...legacy, ...element];
}

/** The words after `show table NAME` for one candidate: data.X OP V. */
export function filterWords(candidate: string, filter: TableFilter): string[] {
  return [`data.${candidate}`, filter.op, String(filter.value)];
}

/** The filter applied by lbtop to a parsed entry (what HAProxy would do), by the dump's column. */
export function matchesFilter(entry: StickEntry, filter: TableFilter): boolean {
  const want = filter.column.replace(/\(\d+\)$/, '');
  const explicit = /^(gpc|gpt)(_rate)?\[(\d+)\]$/.exec(want);
  const name = explicit ? `${explicit[1]}${explicit[3]}${explicit[2] ?? ''}` : want;
  const datum = entry.data.find((d) => d.name === name);
  if (!datum || typeof datum.value !== 'number') return false;
  const v = datum.value;
  switch (filter.op) {
    case 'eq': return v === filter.value;
    case 'ne': return v !== filter.value;
    case 'le': return v <= filter.value;
    case 'ge': return v >= filter.value;
    case 'lt': return v < filter.value;
    case 'gt': return v > filter.value;
  }
}
