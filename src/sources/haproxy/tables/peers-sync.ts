// Is a peers section in sync, as far as `show peers` on one LB can tell? Two things make an LB's stick tables
// incomplete (HAProxy issue 1216 and its neighbours: a VIP moved to a standby whose tables never got the owner's
// entries): its initial resync has not finished (section flags 0x1 "resync from local" and 0x2 "resync from
// remote" finished, the same bits in 2.6 and 3.0, peers-t.h / peers.c), or a remote peer has no established
// session (no `state=EST`, or 3.0's app_state other than RUNNING), so updates are not exchanged now.
import type { PeerInfo, PeersSection } from '../../../model/tables.js';

export interface PeerSync {
  section: string;
  peer: string;
  addr: string;
  connected: boolean;
  /** Local updates of the peer's shared tables not pushed to it yet (0 when up to date). */
  pending: number;
  /** One line for the view and the preview. */
  text: string;
}

export const resyncFinished = (s: PeersSection) => (s.flags & 0x3) === 0x3;

export function peerConnected(p: PeerInfo): boolean {
  return p.active && p.session === 'EST' && (p.appState === null || p.appState === 'RUNNING');
}

export function peerRows(sections: readonly PeersSection[]): PeerSync[] {
  return sections.flatMap((s) =>
    s.peers.filter((p) => !p.local).map((p) => {
      const connected = peerConnected(p);
      const pending = p.tables.reduce((n, t) => n + Math.max(0, t.localUpdate - t.lastPushed), 0);
      const how = connected ? `connected${pending ? `, ${pending} update(s) not pushed yet` : ''}` : `NOT connected (last status ${p.lastStatus}, ${p.session ? `session ${p.session}` : 'no session'})`;
      return { section: s.name, peer: p.name, addr: p.addr, connected, pending, text: `${s.name}: peer ${p.name} ${p.addr} ${how}` };
    }),
  );
}

/** What is not in sync on one LB, one line each; empty when everything is. */
export function peersProblems(sections: readonly PeersSection[]): string[] {
  const problems: string[] = [];
  for (const s of sections) {
    if (s.disabled) continue;
    if (!resyncFinished(s)) problems.push(`${s.name}: initial resync not finished (flags 0x${s.flags.toString(16)}, resync timeout ${s.resyncTimeout}): the tables may not hold the peers' entries yet`);
  }
  for (const row of peerRows(sections.filter((s) => !s.disabled))) if (!row.connected) problems.push(row.text);
  return problems;
}
