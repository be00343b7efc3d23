// The map editor's views (MAPS/ACLS, DRIFT, CERTS, TRACE) in the body area, or their dialog in its place.
import { Box } from 'ink';
import { useEffect } from 'react';
import type { Keymap } from '../../keymap/resolve.js';
import { ScrollText, type Line } from '../components/ScrollText.js';
import { MapsDialogView } from './MapsDialogView.js';
import { mapsLines } from './maps-lines.js';
import type { MapsView } from './maps-state.js';
import type { MapsApi } from './useMaps.js';

export interface MapsBodyProps {
  view: MapsView;
  api: MapsApi;
  height: number;
  keymap: Keymap;
  available: boolean;
  onMessage(text: string, level: 'info' | 'error'): void;
}

/** Keeps the cursor line on screen: the window starts where the cursor would otherwise fall off. */
export function windowTop(cursor: number | null, count: number, height: number, scroll: number): number {
  if (cursor === null) return Math.max(0, Math.min(scroll, count - height));
  return Math.max(0, Math.min(cursor - Math.floor(height / 2), count - height));
}

export function MapsBody(p: MapsBodyProps) {
  // Entering a view reads its data afresh (a view left open keeps its last read; Ctrl-R reads again).
  useEffect(() => {
    if (!p.available) return;
    if (p.view === 'maps') p.api.loadPatterns();
    else if (p.view === 'drift') p.api.loadDrift();
    else if (p.view === 'certs') p.api.loadCerts();
  }, [p.view, p.available]); // eslint-disable-line react-hooks/exhaustive-deps -- load once per view switch; `p.api` is a new object each render
  if (p.api.state.dialog) return <MapsDialogView api={p.api} height={p.height} keymap={p.keymap} onMessage={p.onMessage} />;
  if (!p.available) return <ScrollText lines={[[{ text: 'the map editor needs the live fleet (not available in this mode)', token: 'text.dim' }]]} height={p.height} top={0} />;
  const { head, body, cursor } = mapsLines(p.view, p.api.state);
  const height = Math.max(1, p.height - head.length);
  const top = windowTop(cursor, body.length, height, p.api.state.cursor.trace);
  const marked = body.map((line, i): Line => (i === cursor ? line.map((s) => ({ ...s, token: 'row.selected' as const })) : line));
  return (
    <Box flexDirection="column" height={p.height} overflow="hidden">
      {head.length > 0 ? <ScrollText lines={head} height={head.length} top={0} /> : null}
      <ScrollText lines={marked} height={height} top={top} />
    </Box>
  );
}
