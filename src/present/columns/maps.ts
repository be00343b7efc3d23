// The MAPS/ACLS files table's columns: one row per file name across the LBs, its entries, the LBs that carry it
// (marked when they hold different entries) and the config lines that use it.
import type { PatternUse } from '../../model/maps.js';
import type { Column } from '../table.js';

export interface FileRow {
  file: string;
  lbs: string[];
  count: number;
  uses: PatternUse[];
  /** False when the LBs carrying the file hold different entries. */
  agree: boolean;
}

/** A path cut at its start, not its end: two maps in one long directory must not look the same ("…/hosts.map"). */
export function tail(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `…${chars.slice(chars.length - width + 1).join('')}`;
}

const FILE_WIDTH = 48;

export const fileColumns: Column<FileRow>[] = [
  { id: 'file', header: 'FILE', width: FILE_WIDTH, align: 'left', cell: (r) => ({ text: tail(r.file, FILE_WIDTH) }) },
  { id: 'entries', header: 'ENTRIES', width: 7, align: 'right', cell: (r) => ({ text: String(r.count) }) },
  { id: 'lbs', header: 'LBS / USED BY', width: 0, align: 'left', rest: true, before: '  ', cell: (r) => ({ text: r.lbs.join(',') + (r.agree ? '' : ' (LBs differ)'), token: r.agree ? undefined : 'dialog.warning' }) },
  // The gap is dim with the text (it always was): the line keeps its look.
  { id: 'uses', header: '', width: 0, align: 'left', rest: true, before: '', cell: (r) => ({ text: `  ${r.uses.map((u) => `${u.proxy}:${u.line} ${u.via}`).join(', ')}`, token: 'text.dim' }) },
];
