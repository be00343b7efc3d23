// The birdc command lines lbtop runs, as data. `-v` keeps BIRD's reply codes so an error reply is told apart
// from data (reply.ts); `-r` (restricted) refuses anything but show commands, so a read path can never
// reconfigure or disable a protocol even if an argument went wrong. BIRD 1.6 names its IPv6 daemon's client
// birdc6; pass `client` for it. Debian's default socket is /run/bird/bird.ctl (both bird2 and bird 1.6).
import { UnsafeArgumentError } from '../../model/errors.js';

export const DEFAULT_BIRD_SOCKET = '/run/bird/bird.ctl';

export interface BirdTarget {
  socket?: string;
  client?: string;
}

/** BIRD symbol names: a protocol name is a word; anything else is refused before it reaches a shell. */
function protocolName(name: string): string {
  if (!/^[A-Za-z_][\w.-]*$/.test(name)) {
    throw new UnsafeArgumentError(`not a BIRD protocol name: ${JSON.stringify(name)}`, 'names are letters, digits, _ . -');
  }
  return name;
}

function birdc(target: BirdTarget, ...words: string[]): string[] {
  return [target.client ?? 'birdc', '-v', '-r', '-s', target.socket ?? DEFAULT_BIRD_SOCKET, ...words];
}

export const birdArgv = {
  showProtocols: (t: BirdTarget = {}): string[] => birdc(t, 'show', 'protocols'),
  showProtocolsAll: (t: BirdTarget, name: string): string[] => birdc(t, 'show', 'protocols', 'all', protocolName(name)),
  showRouteProtocol: (t: BirdTarget, name: string): string[] => birdc(t, 'show', 'route', 'protocol', protocolName(name)),
  showRouteCount: (t: BirdTarget = {}): string[] => birdc(t, 'show', 'route', 'count'),
  showStatus: (t: BirdTarget = {}): string[] => birdc(t, 'show', 'status'),
  /** Every BGP route of every table, one reply (the NODES view): BIRD 2.0.12 and 1.6.8 accept the filter under -r. */
  showBgpRoutes: (t: BirdTarget = {}): string[] => birdc(t, 'show', 'route', 'where', 'source', '=', 'RTS_BGP'),
};
