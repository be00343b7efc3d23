// A server's or proxy's HAProxy status as a colour: the fleet table, the NODES panel and the CLI tables agree.
import type { Token } from '../theme/tokens.js';

/** Status text → token. "UP 1/3" is up but failing checks; "DOWN 1/2" is down but recovering. */
export function statusToken(status: string): Token {
  const s = status.toUpperCase();
  if (s.startsWith('MAINT')) return 'status.maint';
  if (s.startsWith('DRAIN') || s.includes('(DRAIN)')) return 'status.drain';
  if (s.startsWith('NOLB') || /^UP \d/.test(s)) return 'status.nolb';
  if (s.startsWith('DOWN') || s === 'STOP') return 'status.down';
  if (s === 'OPEN') return 'status.open';
  if (s.startsWith('UP') || s === 'NO CHECK' || s === 'READY') return 'status.up';
  return 'status.unknown';
}
