// Who will be VRRP master after a change, the way keepalived decides it (RFC 3768/5798 plus keepalived's rules):
//   - only the master advertises; a BACKUP takes over from a live master only if it may preempt (no `nopreempt`,
//     which keepalived honours only with `state BACKUP`) and its priority is strictly higher than the master's;
//   - priority 255 is the address owner: it always takes the VIP back, and track weights do not move it;
//   - when the master goes away (stopped, FAULT, priority 0), the running non-FAULT peers elect: the highest
//     priority wins, an equal priority goes to the higher primary IP address;
//   - effective priority = base + track weights, kept within 1..254 (FAULT when a weight-0 track fails).

export interface VrrpPeer {
  lb: string;
  state: 'MASTER' | 'BACKUP' | 'FAULT' | 'INIT' | 'STOP' | 'DELETED' | 'GONE';
  /** Effective priority after the change. */
  priority: number;
  /** `nopreempt` with `state BACKUP` (nopreempt with `state MASTER` is ignored by keepalived). */
  nopreempt: boolean;
  /** The address adverts come from (unicast_src_ip, else the interface's primary address). */
  primaryIp: string | null;
}

export interface Prediction {
  owner: string | null;
  /** One sentence: why. */
  reason: string;
}

/** Compares dotted IPv4 (and falls back to text for IPv6) numerically. */
export function compareIp(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  if (pa.length === 4 && pb.length === 4) {
    for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return (pa[i] as number) - (pb[i] as number);
    return 0;
  }
  return a.localeCompare(b);
}

const alive = (p: VrrpPeer) => p.state !== 'FAULT' && p.state !== 'STOP' && p.state !== 'GONE' && p.state !== 'DELETED' && p.priority > 0;
const better = (a: VrrpPeer, b: VrrpPeer) => a.priority - b.priority || compareIp(a.primaryIp, b.primaryIp);

export function elect(peers: readonly VrrpPeer[]): Prediction {
  const candidates = peers.filter(alive).sort((a, b) => better(b, a));
  const [first, second] = candidates;
  if (!first) return { owner: null, reason: 'no running peer is left to take the VIP' };
  const tie = second && second.priority === first.priority ? ` (equal priority ${first.priority}: the higher address ${first.primaryIp} wins)` : '';
  return { owner: first.lb, reason: `election: ${first.lb} has the highest priority ${first.priority}${tie}` };
}

/** The owner after the change, given each peer's state now and priority after the change. */
export function predictOwner(peers: readonly VrrpPeer[]): Prediction {
  const owner255 = peers.find((p) => alive(p) && p.priority === 255);
  if (owner255) return { owner: owner255.lb, reason: `${owner255.lb} has priority 255 (address owner): it always holds the VIP` };
  const master = peers.find((p) => p.state === 'MASTER');
  if (!master || !alive(master)) return elect(peers);
  const preempters = peers.filter((p) => p !== master && alive(p) && p.state === 'BACKUP' && p.priority > master.priority);
  const willing = preempters.filter((p) => !p.nopreempt).sort((a, b) => better(b, a));
  const top = willing[0];
  if (top) return { owner: top.lb, reason: `${top.lb} (priority ${top.priority}) preempts ${master.lb} (priority ${master.priority})` };
  const blocked = preempters.filter((p) => p.nopreempt).map((p) => p.lb);
  return {
    owner: master.lb,
    reason: blocked.length
      ? `${master.lb} stays master: ${blocked.join(', ')} ${blocked.length > 1 ? 'have' : 'has'} a higher priority but nopreempt (state BACKUP)`
      : `${master.lb} stays master: no peer has a higher priority (${master.priority})`,
  };
}

/** keepalived clamps an effective priority to 1..254 (255 only for an owner with no weights applied). */
export const clampPriority = (base: number, weights: number) => (base === 255 ? 255 : Math.max(1, Math.min(254, base + weights)));
