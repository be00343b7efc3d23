// The MAPS/ACLS view as lines of styled text (pure): the files, or the entries of one; and which view's lines to
// draw (DRIFT, CERTS and TRACE have their own files). Rendered by MapsBody through ScrollText with the cursor
// line highlighted.
import type { Line } from '../components/ScrollText.js';
import { fileColumns } from '../../present/columns/maps.js';
import { fitColumns, headerLine, rowLine } from '../../present/table.js';
import { certsLines } from './certs-lines.js';
import { driftLines } from './drift-lines.js';
import { entriesOf, entryText, fileRows } from './maps-rows.js';
import type { MapsState, MapsView } from './maps-state.js';
import { traceLines } from './trace-lines.js';
import { status, type ViewLines } from './view-lines.js';

function maps(s: MapsState): ViewLines {
  const all = s.patterns.value ?? [];
  const what = s.kind === 'map' ? 'maps' : 'ACL files';
  if (s.open) {
    const { entries, from, differing } = entriesOf(all, s.kind, s.open);
    const head: Line[] = [[{ text: `${s.open}`, token: 'dialog.title' }, { text: `  ${entries.length} entries, as ${from ?? '?'} holds them`, token: 'text.dim' }]];
    if (differing.length) head.push([{ text: `! ${differing.join(', ')} hold other entries: an edit is planned per LB`, token: 'dialog.warning' }]);
    return { head: [...head, ...status(s.patterns, what)], body: entries.map((e) => [{ text: entryText(e) }]), cursor: s.cursor.entries };
  }
  const rows = fileRows(all, s.kind);
  const errors = all.filter((l) => l.error || l.configError).map((l): Line => [{ text: `! ${l.lb}: ${l.error ?? `config not read (${l.configError}): uses unknown`}`, token: 'dialog.warning' }]);
  const columns = fitColumns(fileColumns, Infinity);
  const head: Line[] = [headerLine(columns), ...errors, ...status(s.patterns, what)];
  const body = rows.map((r): Line => rowLine(columns, r));
  if (rows.length === 0 && !s.patterns.loading) body.push([{ text: `no ${what} on any LB (t toggles maps/ACLs)`, token: 'text.dim' }]);
  return { head, body, cursor: rows.length ? s.cursor.files : null };
}

export function mapsLines(view: MapsView, s: MapsState): ViewLines {
  return view === 'maps' ? maps(s) : view === 'drift' ? driftLines(s) : view === 'certs' ? certsLines(s) : traceLines(s);
}
