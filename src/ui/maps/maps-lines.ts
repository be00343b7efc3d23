// The map editor's views as lines of styled text (pure): MAPS/ACLS (files, or the entries of one), DRIFT, CERTS,
// TRACE. Rendered by MapsBody through ScrollText with the cursor line highlighted.
import { formatFleetTrace } from '../../actions/trace-text.js';
import { driftDetail } from '../../actions/drift-text.js';
import type { Line } from '../components/ScrollText.js';
import { certViewColumns } from '../../present/columns/certs.js';
import { fileColumns } from '../../present/columns/maps.js';
import { fitColumns, headerLine, rowLine } from '../../present/table.js';
import { certsSortedForView } from './cert-order.js';
import { driftLabel, entriesOf, entryText, fileRows } from './maps-rows.js';
import type { Loaded, MapsState, MapsView } from './maps-state.js';

export const WARN_DAYS = 21;

/** Lines, and which line the cursor is on (null: no cursor, the text scrolls). */
export interface ViewLines {
  head: Line[];
  body: Line[];
  cursor: number | null;
}

function status<T>(l: Loaded<T>, what: string): Line[] {
  if (l.error) return [[{ text: `cannot read ${what}: ${l.error}${l.value ? ' (showing the last good read)' : ''}`, token: 'dialog.warning' }]];
  if (l.loading && !l.value) return [[{ text: `reading ${what}…`, token: 'text.dim' }]];
  return [];
}

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

function drift(s: MapsState): ViewLines {
  const r = s.drift.value;
  const head: Line[] = [...status(s.drift, 'drift')];
  for (const lb of r?.lbs ?? []) if (!lb.checked) head.push([{ text: `! ${lb.lb} not checked: ${lb.error ?? '?'}`, token: 'dialog.warning' }]);
  if (r && r.items.length === 0) head.push([{ text: 'no drift: a reload would revert nothing lbtop can see', token: 'status.up' }]);
  const body = (r?.items ?? []).map((i): Line => [{ text: driftLabel(i), token: 'status.drain' }]);
  const sel = r?.items[s.cursor.drift];
  const detail = sel ? driftDetail(sel).map((l): Line => [{ text: l, token: 'text.dim' }]) : [];
  return { head, body: [...body, ...(detail.length ? [[], ...detail] : [])], cursor: body.length ? s.cursor.drift : null };
}

function certs(s: MapsState): ViewLines {
  const list = certsSortedForView(s.certs.value ?? []);
  const columns = fitColumns(certViewColumns, Infinity);
  const head: Line[] = [headerLine(columns), ...status(s.certs, 'certificates')];
  const body = list.map((c): Line => rowLine(columns, c, { warnDays: WARN_DAYS }));
  if (list.length === 0 && !s.certs.loading) body.push([{ text: 'no certificates loaded on any LB', token: 'text.dim' }]);
  return { head, body, cursor: list.length ? s.cursor.certs : null };
}

function trace(s: MapsState): ViewLines {
  const t = s.trace.value;
  const text = t ? formatFleetTrace(t).split('\n') : [];
  return {
    head: status(s.trace, 'the trace'),
    body: text.map((l): Line => [{ text: l, token: l.startsWith('! the LBs DISAGREE') ? 'dialog.warning' : l.startsWith('==') ? 'dialog.title' : undefined }]),
    cursor: null,
  };
}

export function mapsLines(view: MapsView, s: MapsState): ViewLines {
  return view === 'maps' ? maps(s) : view === 'drift' ? drift(s) : view === 'certs' ? certs(s) : trace(s);
}
