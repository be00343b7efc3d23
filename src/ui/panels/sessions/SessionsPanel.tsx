// SESSIONS (global key s): the sessions of the stats row selected when it was opened (server or backend), or of
// every backend, on every LB, oldest first: the ones a stuck drain waits for. x ends the selected session, E every
// session of its server on every LB; both are plans previewed in the one dialog (dangerous: gone in read-only).
import { Box } from 'ink';
import { useLayoutEffect } from 'react';
import { positionText } from '../../state/chrome.js';
import { ScrollText, plain, type Line } from '../../components/ScrollText.js';
import type { PanelProps } from '../types.js';
import { useListNav } from '../useListNav.js';
import { usePanelKeys } from '../usePanelKeys.js';
import { readNotes, rowsOf, SESSION_HEADER, sessionLine } from './session-lines.js';
import { sessionScope } from './session-scope.js';
import { usePolledRead } from './usePolledRead.js';

export function SessionsPanel(props: PanelProps) {
  const { services, height } = props;
  const scope = sessionScope(props.selection);
  const api = services.sessions;
  const read = usePolledRead(api ? () => api.read(scope.filter, scope.lbs ?? undefined) : null, services.config.intervalSec * 1000, JSON.stringify(scope));
  const rows = rowsOf(read.data);
  const notes = readNotes(read.data);
  const listHeight = Math.max(1, height - 2 - Math.min(notes.length, 3));
  // The cursor follows its session when a refresh re-sorts or drops rows: x must end the session the operator sees.
  const keyOf = (i: number) => (rows[i] ? `${rows[i].lb} ${rows[i].id}` : undefined);
  const nav = useListNav(rows.length, listHeight, { keyAt: keyOf, indexOf: (k) => { const i = rows.findIndex((_, j) => keyOf(j) === k); return i < 0 ? undefined : i; } });
  const position = positionText('session', nav.index, rows.length);
  const { setPosition } = props;
  useLayoutEffect(() => setPosition(position), [setPosition, position]);
  const selected = rows[nav.index] ?? null;
  const unavailable = () => (api ? null : 'sessions are not available here (no runtime API)');
  const plan = (id: boolean) => {
    if (!api || !selected) return;
    if (!selected.backend || !selected.server) return props.flash(`session ${selected.id} has no server yet: nothing to end there`, 'error');
    const target = { backend: selected.backend, server: selected.server, ...(id ? { id: selected.id } : {}) };
    api.plan(target, id ? [selected.lb] : undefined).then(props.preview, (e: unknown) => props.flash(`could not read the sessions: ${e instanceof Error ? e.message : String(e)}`, 'error'));
  };
  usePanelKeys(props, 'sessions', {
    ...nav.handlers,
    'sessions.end': { disabled: () => unavailable() ?? (selected ? null : 'no session selected'), run: () => plan(true) },
    'sessions.endServer': { disabled: () => unavailable() ?? (selected?.server ? null : 'select a session on a server first'), run: () => plan(false) },
    'sessions.refresh': read.refresh,
  });
  const status: Line = plain(
    `SESSIONS of ${scope.label}: ${rows.length} on ${read.data?.filter((r) => 'read' in r).length ?? 0} LBs${read.loading ? ' · reading…' : ''}${read.error ? ` · read failed: ${read.error}` : ''}`,
    read.error ? 'header.down' : 'header.title',
  );
  const lines = rows.length > 0 ? rows.map((s, i) => sessionLine(s, i === nav.index)) : [plain(read.data ? 'no sessions' : 'reading…', 'text.dim')];
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <ScrollText lines={[status, SESSION_HEADER]} height={2} top={0} />
      <ScrollText lines={lines} height={listHeight} top={nav.top} />
      {notes.length > 0 ? <ScrollText lines={notes} height={Math.min(notes.length, 3)} top={0} /> : null}
    </Box>
  );
}
