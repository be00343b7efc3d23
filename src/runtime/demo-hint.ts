// The demo's first-screen hint (the flash line, until the first key: src/ui/hooks/useFirstKeyHint.ts): the three
// things that show what lbtop is for, as an operator types them. Built from the demo's config, so it names only
// what this demo can do: a VIP move only where an LB declares keepalived or heartbeat, no write in the replay.
import type { LbtopConfig } from '../model/config.js';

export function demoHint(config: LbtopConfig, live: boolean): string {
  // Short enough for an 80-column terminal: the flash line is cut at the edge.
  if (!live || config.readOnly) return 'read-only, try: 7 Enter a map · 8 drift vs disk · 9 expiring cert · ? help';
  const vips = config.lbs.some((lb) => lb.failover?.keepalived || lb.failover?.heartbeat);
  return `try: 7 Enter c edit a map · N drain a node · ${vips ? 'V f move a VIP' : '9 expiring cert'} · ? help`;
}
