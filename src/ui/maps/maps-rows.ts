// Pure rows of the map editor's views: maps/ACL files merged across LBs (one row per file name, with the LBs that
// carry it and whether their entries agree), the entries of one file, the text handed to $EDITOR.
import type { LbPatterns, PatternEntryRow, PatternKind, PatternTable } from '../../model/maps.js';
import type { FileRow } from '../../present/columns/maps.js';

export type { FileRow } from '../../present/columns/maps.js';

const tablesOf = (p: LbPatterns, kind: PatternKind) => (kind === 'map' ? p.maps : p.acls);
const key = (entries: readonly PatternEntryRow[]) => entries.map((e) => `${e.key} ${e.value ?? ''}`).join('\n');

export function fileRows(all: readonly LbPatterns[], kind: PatternKind): FileRow[] {
  const rows = new Map<string, FileRow & { first: PatternTable }>();
  for (const lb of all) {
    for (const t of tablesOf(lb, kind)) {
      const row = rows.get(t.file);
      if (!row) rows.set(t.file, { file: t.file, lbs: [lb.lb], count: t.entries.length, uses: t.uses, agree: true, first: t });
      else {
        row.lbs.push(lb.lb);
        if (key(row.first.entries) !== key(t.entries)) row.agree = false;
      }
    }
  }
  return [...rows.values()].map(({ first: _first, ...row }) => row).sort((a, b) => a.file.localeCompare(b.file));
}

/** Entries of a file as the first LB carrying it holds them, and the LBs that hold something else. */
export function entriesOf(all: readonly LbPatterns[], kind: PatternKind, file: string): { entries: PatternEntryRow[]; from: string | null; differing: string[] } {
  let first: { lb: string; t: PatternTable } | null = null;
  const differing: string[] = [];
  for (const lb of all) {
    const t = tablesOf(lb, kind).find((x) => x.file === file);
    if (!t) continue;
    if (!first) first = { lb: lb.lb, t };
    else if (key(first.t.entries) !== key(t.entries)) differing.push(lb.lb);
  }
  return { entries: first?.t.entries ?? [], from: first?.lb ?? null, differing };
}

export function entryText(e: PatternEntryRow): string {
  return e.value === undefined ? e.key : `${e.key} ${e.value}`;
}

/** The text handed to $EDITOR: a comment line, then one entry per line. */
export function editorText(all: readonly LbPatterns[], kind: PatternKind, file: string): string {
  const { entries } = entriesOf(all, kind, file);
  return `# ${file} (${kind}): one entry per line; lines starting with # are ignored\n${entries.map((e) => `${entryText(e)}\n`).join('')}`;
}
