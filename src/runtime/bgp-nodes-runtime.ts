// Reads BGP routes from BIRD on every LB that declares `bird:`, for Kubernetes nodes (the NODES view, `lbtop nodes`,
// `lbtop node drain NODE`). The same runner path as the failover pollers (SSH exec channel or local, sudo when
// asked), always wrapped read-only: this reader only ever shows, whatever mode lbtop runs in.
import { readOnlyRunner } from '../actions/write-gate.js';
import type { BgpReadings } from '../model/bgp-nodes.js';
import type { LbtopConfig } from '../model/config.js';
import type { Fleet } from '../model/fleet.js';
import { collectBgpRoutes } from '../sources/bird/bgp-routes.js';
import { withSudo } from '../sources/runner-check.js';
import { bgpNodeNames, mapBgpNodes } from '../store/bgp-nodes.js';
import type { BgpNodeMap } from '../model/bgp-nodes.js';
import type { RunnerFactory } from './failover-runtime.js';
import type { BgpNodesService } from '../ui/services.js';

export interface BgpNodeReader {
  /** LBs with `bird:` (none: lbtop knows no BGP nodes). */
  lbs: readonly string[];
  read(): Promise<BgpReadings>;
  /** Read, then map the fleet's servers onto the nodes. */
  map(fleet: Fleet): Promise<BgpNodeMap>;
}

export function bgpNodeReader(config: LbtopConfig, runnerFor: RunnerFactory): BgpNodeReader {
  const lbs = config.lbs.filter((lb) => lb.failover?.bird);
  const runners = new Map(lbs.map((lb) => [lb.name, readOnlyRunner(withSudo(runnerFor(lb), lb.failover!.sudo))] as const));
  const read = async (): Promise<BgpReadings> => {
    const entries = await Promise.all(
      lbs.map(async (lb) => {
        try {
          return [lb.name, { reading: await collectBgpRoutes(runners.get(lb.name)!, lb.failover!.bird!), error: null }] as const;
        } catch (error) {
          return [lb.name, { reading: null, error: (error as Error).message }] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  };
  return { lbs: lbs.map((lb) => lb.name), read, map: async (fleet) => mapBgpNodes(fleet, await read(), bgpNodeNames(config)) };
}

/** The reader as the TUI holds it: one read at a time, the last readings kept for plans made between reads. */
export function bgpNodesService(config: LbtopConfig, reader: BgpNodeReader): BgpNodesService {
  let last: BgpReadings | null = null;
  let inFlight: Promise<BgpReadings> | null = null;
  const names = bgpNodeNames(config);
  return {
    lbs: reader.lbs,
    names,
    last: () => last,
    read: () =>
      (inFlight ??= reader.read().then(
        (readings) => ((inFlight = null), (last = readings)),
        (error: unknown) => {
          inFlight = null;
          throw error;
        },
      )),
  };
}
