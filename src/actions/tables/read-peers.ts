// `show peers` on several LBs at once, each answer or error kept apart: for the failover pre-check and
// `lbtop peers`. An LB with no runtime API client is reported, not skipped.
import type { PeersReading } from '../../model/tables.js';
import type { RuntimeApi } from '../../sources/haproxy/client.js';
import { readPeers } from '../../sources/haproxy/tables/read-tables.js';

export function readPeersOnLbs(clients: ReadonlyMap<string, RuntimeApi>, lbs: readonly string[]): Promise<PeersReading[]> {
  return Promise.all(
    lbs.map(async (lb): Promise<PeersReading> => {
      const api = clients.get(lb);
      if (!api) return { lb, error: 'no HAProxy runtime API configured' };
      try {
        return { lb, sections: await readPeers(api) };
      } catch (error) {
        return { lb, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}
