// The TRACE view as lines (pure): the last :trace on every LB, as `lbtop trace` prints it.
import { formatFleetTrace } from '../../actions/trace-text.js';
import type { Line } from '../components/ScrollText.js';
import type { MapsState } from './maps-state.js';
import { status, type ViewLines } from './view-lines.js';

export function traceLines(s: MapsState): ViewLines {
  const t = s.trace.value;
  const text = t ? formatFleetTrace(t).split('\n') : [];
  return {
    head: status(s.trace, 'the trace'),
    body: text.map((l): Line => [{ text: l, token: l.startsWith('! the LBs DISAGREE') ? 'dialog.warning' : l.startsWith('==') ? 'dialog.title' : undefined }]),
    cursor: null,
  };
}
