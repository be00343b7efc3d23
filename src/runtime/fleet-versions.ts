// The HAProxy version each LB runs, for the features whose commands differ by version (show sess filters, a stick
// table filter's data name): the one its last poll read, from the fleet's store. An LB not polled yet (a
// subcommand before its first poll, an LB that has not answered) is polled once, when a read first needs it.
import type { FleetRuntime } from './fleet-core.js';

export interface FleetVersions {
  /** The version the LB's last poll read ("3.0.11"), null when none has. */
  of(lb: string): string | null;
  /** Polls, once, the LBs among `lbs` with no version yet. */
  known(lbs: readonly string[]): Promise<void>;
}

export function fleetVersions(fleet: Pick<FleetRuntime, 'store' | 'refresh'>): FleetVersions {
  const of = (lb: string) => fleet.store.getState().lbs.get(lb)?.health.version ?? null;
  const polled = new Map<string, Promise<void>>();
  return {
    of,
    known: async (lbs) => {
      const unknown = lbs.filter((lb) => of(lb) === null && !polled.has(lb));
      if (unknown.length > 0) {
        const poll = fleet.refresh(unknown);
        unknown.forEach((lb) => polled.set(lb, poll));
      }
      await Promise.all(lbs.map((lb) => polled.get(lb)));
    },
  };
}
