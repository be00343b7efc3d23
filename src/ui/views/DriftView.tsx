// 7-DRIFT: every disagreement between LBs that serve the same backend (admin state, weight, missing servers,
// check status) and between HAProxy versions. Empty is good news, and says so.
import { useMemo } from 'react';
import type { Fleet } from '../../model/fleet.js';
import { fleetDrift } from '../../store/fleet-drift.js';
import { plain, ScrollText, type Line } from '../components/ScrollText.js';

export function driftLines(fleet: Fleet): Line[] {
  const items = fleetDrift(fleet);
  if (items.length === 0) return [plain('no drift: every LB serving a backend agrees on its servers (admin, weight, checks, presence) and versions', 'header.ok')];
  const lines: Line[] = [plain(`${items.length} disagreement(s) between LBs`, 'header.stale')];
  let cluster: string | null = null;
  for (const item of items) {
    if (item.cluster !== cluster) {
      cluster = item.cluster;
      lines.push(plain(cluster ? `${cluster}` : 'fleet', 'header.label'));
    }
    lines.push([{ text: `  ${item.kind.padEnd(8)}`, token: item.kind === 'missing' || item.kind === 'admin' ? 'header.down' : 'header.stale' }, { text: item.text }]);
  }
  return lines;
}

export function DriftView({ fleet, height }: { fleet: Fleet; height: number }) {
  const lines = useMemo(() => driftLines(fleet), [fleet]);
  return <ScrollText lines={lines} height={height} top={0} />;
}
