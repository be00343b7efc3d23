// Reads BGP routes from BIRD on every LB that declares `bird:`, for Kubernetes nodes (the NODES view, `lbtop nodes`,
// `lbtop node drain NODE`). The LB's runner from hosts.ts, as the failover pollers' (SSH exec channel, the demo's
// namespaces or local, the LB's `sudo:` applied), always wrapped read-only: this reader only ever shows, whatever
// mode lbtop runs in.
import { readOnlyRunner } from '../actions/write-gate.js';
import type { BgpReadings } from '../model/bgp-nodes.js';
import type { LbtopConfig } from '../model/config.js';
import type { Fleet } from '../model/fleet.js';
import { collectBgpRoutes } from '../sources/bird/bgp-routes.js';
import { bgpNodeNames, mapBgpNodes } from '../store/bgp-nodes.js';
import type { BgpNodeMap } from '../model/bgp-nodes.js';
import { createHosts, type Hosts, type RunnerFactory } from './hosts.js';
import type { BgpNodesService } from '../ui/services.js';

export interface BgpNodeReader {
  /** LBs with `bird:` (none: lbtop knows no BGP nodes). */
  lbs: readonly string[];
  read(): Promise<BgpReadings>;
  /** Read, then map the fleet's servers onto the nodes. */
  map(fleet: Fleet): Promise<BgpNodeMap>;
}

/** Over `runnerFor` (tests' namespace shells); the LB's `sudo:` applied as hosts.ts applies it. */
export function bgpNodeReader(config: LbtopConfig, runnerFor: RunnerFactory): BgpNodeReader {
  return bgpNodeReaderOn(createHosts(config, { runnerFor }));
}

export function bgpNodeReaderOn(hosts: Pick<Hosts, 'config' | 'ungatedRunner'>): BgpNodeReader {
  const { config } = hosts;
  const lbs = config.lbs.filter((lb) => lb.failover?.bird);
  const runners = new Map(lbs.map((lb) => [lb.name, hosts.ungatedRunner(lb.name)] as const));
  const read = async (): Promise<BgpReadings> => {
    const entries = await Promise.all(
      lbs.map(async (lb) => {
        try {
          const runner = runners.get(lb.name);
          if (!runner) throw new Error(`${lb.name} is reached over ssh, and no SSH connection is open`);
          return [lb.name, { reading: await collectBgpRoutes(readOnlyRunner(runner), lb.failover!.bird!), error: null }] as const;
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

/** The BGP nodes feature, one object for `lbtop node|nodes` (a BgpNodeReader) and the TUI (a BgpNodesService). */
export function createBgpNodesService(hosts: Pick<Hosts, 'config' | 'ungatedRunner'>): BgpNodeReader & BgpNodesService {
  const reader = bgpNodeReaderOn(hosts);
  const service = bgpNodesService(hosts.config, reader);
  return { ...service, map: async (fleet) => mapBgpNodes(fleet, await service.read(), service.names) };
}
