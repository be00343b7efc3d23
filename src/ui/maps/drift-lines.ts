// The DRIFT view as lines (pure): one line per runtime-vs-disk difference, the selected one's detail below.
import { driftDetail } from '../../actions/drift-text.js';
import type { DriftItem } from '../../model/drift.js';
import type { Line } from '../components/ScrollText.js';
import type { MapsState } from './maps-state.js';
import { status, type ViewLines } from './view-lines.js';

export function driftLabel(item: DriftItem): string {
  if (item.kind === 'server') {
    return item.field === 'admin'
      ? `${item.lb}  ${item.backend}/${item.server}  runtime ${item.runtime.toUpperCase()} · disk ${item.disk.toUpperCase()}`
      : `${item.lb}  ${item.backend}/${item.server}  runtime weight ${item.runtime} · disk weight ${item.disk}`;
  }
  const n = item.runtimeOnly.length + item.diskOnly.length + item.changed.length;
  return `${item.lb}  ${item.table} ${item.file}  ${n ? `${n} entr${n === 1 ? 'y differs' : 'ies differ'}` : 'order differs'}`;
}

export function driftLines(s: MapsState): ViewLines {
  const r = s.drift.value;
  const head: Line[] = [...status(s.drift, 'drift')];
  for (const lb of r?.lbs ?? []) if (!lb.checked) head.push([{ text: `! ${lb.lb} not checked: ${lb.error ?? '?'}`, token: 'dialog.warning' }]);
  if (r && r.items.length === 0) head.push([{ text: 'no drift: a reload would revert nothing lbtop can see', token: 'status.up' }]);
  const body = (r?.items ?? []).map((i): Line => [{ text: driftLabel(i), token: 'status.drain' }]);
  const sel = r?.items[s.cursor.drift];
  const detail = sel ? driftDetail(sel).map((l): Line => [{ text: l, token: 'text.dim' }]) : [];
  return { head, body: [...body, ...(detail.length ? [[], ...detail] : [])], cursor: body.length ? s.cursor.drift : null };
}
