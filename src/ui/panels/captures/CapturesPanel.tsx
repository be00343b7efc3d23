// CAPTURES (global key X): the requests and responses each LB rejected (`show errors`: the last one per proxy and
// side), per LB, newest first; the selected capture's bytes below it, with the byte where HAProxy's parser stopped
// marked. Read-only: nothing here changes an LB. `l` steps through the LBs (then all).
import { Box } from 'ink';
import { useLayoutEffect, useState } from 'react';
import { positionText } from '../../state/chrome.js';
import { ScrollText, plain } from '../../components/ScrollText.js';
import { usePolledRead } from '../sessions/usePolledRead.js';
import type { PanelProps } from '../types.js';
import { useListNav } from '../useListNav.js';
import { usePanelKeys } from '../usePanelKeys.js';
import { CAPTURE_HEADER, captureLine, captureRows, dumpLines, totals } from './capture-lines.js';

export function CapturesPanel(props: PanelProps) {
  const { services, height } = props;
  const api = services.sessions;
  const [lb, setLb] = useState<string | null>(null);
  const read = usePolledRead(api ? () => api.errors() : null, services.config.intervalSec * 1000, 'captures');
  const rows = captureRows(read.data, lb);
  const sums = totals(read.data);
  const listHeight = Math.max(1, Math.min(rows.length || 1, Math.floor((height - 2) / 3)));
  const keyOf = (i: number) => (rows[i] ? `${rows[i].lb} ${rows[i].event}` : undefined);
  const nav = useListNav(rows.length, listHeight, { keyAt: keyOf, indexOf: (k) => { const i = rows.findIndex((_, j) => keyOf(j) === k); return i < 0 ? undefined : i; } });
  const position = positionText('capture', nav.index, rows.length);
  const { setPosition } = props;
  useLayoutEffect(() => setPosition(position), [setPosition, position]);
  const lbs = services.config.lbs.map((l) => l.name);
  usePanelKeys(props, 'captures', {
    ...nav.handlers,
    'sessions.refresh': read.refresh,
    'captures.lb': () => setLb((at) => (at === null ? (lbs[0] ?? null) : (lbs[lbs.indexOf(at) + 1] ?? null))),
  });
  const status = plain(`CAPTURES (show errors) on ${lb ?? 'every LB'}: ${rows.length}${read.loading ? ' · reading…' : ''}${read.error ? ` · read failed: ${read.error}` : ''}`, 'header.title');
  const lines = rows.length > 0 ? rows.map((c, i) => captureLine(c, i === nav.index)) : [plain(read.data ? 'no captured errors' : 'reading…', 'text.dim')];
  const sumHeight = Math.min(sums.length, 2);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <ScrollText lines={[status, CAPTURE_HEADER]} height={2} top={0} />
      <ScrollText lines={lines} height={listHeight} top={nav.top} />
      <ScrollText lines={sums} height={sumHeight} top={0} />
      <ScrollText lines={dumpLines(rows[nav.index] ?? null)} height={Math.max(1, height - 2 - listHeight - sumHeight)} top={0} />
    </Box>
  );
}
