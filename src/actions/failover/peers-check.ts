// Before a VIP moves: are the stick tables of the LBs involved (the holder and the target) in sync through their
// peers? A standby whose peer session is down, or whose initial resync has not finished, lacks entries the holder
// has (rate limits, stickiness): after the move they start from nothing (HAProxy issue 1216 and its neighbours).
// Unlike the standby's backends (precheck.ts), this does not refuse: it is a warning in the preview, and the
// operator goes on knowingly with the same typed word.
import type { PeersReading } from '../../model/tables.js';
import { peersProblems, peerRows } from '../../sources/haproxy/tables/peers-sync.js';

export interface PeersCheck {
  ok: boolean;
  lines: string[];
}

/** `readings` undefined: peers were not read (no HAProxy runtime wired): nothing to say. */
export function precheckPeers(readings: readonly PeersReading[] | undefined, lbs: readonly (string | null)[]): PeersCheck {
  if (!readings) return { ok: true, lines: [] };
  const lines: string[] = [];
  let ok = true;
  let sections = 0;
  for (const lb of [...new Set(lbs.filter((l): l is string => l !== null))]) {
    const reading = readings.find((r) => r.lb === lb);
    if (!reading) {
      lines.push(`${lb}: show peers not read (no HAProxy runtime API configured)  ✗`);
      ok = false;
    } else if ('error' in reading) {
      lines.push(`${lb}: show peers failed: ${reading.error}  ✗`);
      ok = false;
    } else {
      sections += reading.sections.length;
      const problems = peersProblems(reading.sections);
      if (problems.length) ok = false;
      for (const p of problems) lines.push(`${lb} ${p}  ✗`);
      if (!problems.length) for (const row of peerRows(reading.sections)) lines.push(`${lb} ${row.text}`);
    }
  }
  if (ok && sections === 0) lines.push('no peers section on these LBs: their stick tables are not shared (nothing to sync)');
  return { ok, lines };
}
