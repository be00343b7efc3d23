// The demo's first-screen hint (the flash line, until the first key: src/ui/hooks/useFirstKeyHint.ts): the three
// things that show what lbtop is for, as an operator types them. Built from what this demo has, so it names only
// what can be done here: a map edit where the lab has maps (not the SSH fleet lab), a VIP move only where an LB
// declares keepalived or heartbeat, no write in the replay.
import type { LbtopConfig } from '../model/config.js';

export function demoHint(config: LbtopConfig, has: { live: boolean; maps: boolean }): string {
  // Short enough for an 80-column terminal: the flash line is cut at the edge.
  if (!has.live || config.readOnly) return 'read-only, try: 7 Enter a map · 8 drift vs disk · 9 expiring cert · ? help';
  const vips = config.lbs.some((lb) => lb.failover?.keepalived || lb.failover?.heartbeat);
  const tries = [has.maps ? '7 Enter c edit a map' : null, 'N drain a node', vips ? 'V f move a VIP' : has.maps ? '9 expiring cert' : null];
  return `try: ${[...tries.filter((t) => t !== null), '? help'].join(' · ')}`;
}
