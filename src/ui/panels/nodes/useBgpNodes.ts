// The NODES panel's data: BIRD's BGP routes on the LBs, read when the panel opens and every few seconds while it
// is shown (pod blocks change when nodes come and go, not every poll), mapped onto the fleet on screen. A failed
// read keeps the last map and says so.
import { useEffect, useMemo, useState } from 'react';
import type { BgpNodeMap, BgpReadings } from '../../../model/bgp-nodes.js';
import type { Fleet } from '../../../model/fleet.js';
import { mapBgpNodes } from '../../../store/bgp-nodes.js';
import type { BgpNodesService } from '../../services.js';

export const NODES_READ_EVERY_MS = 10_000;

export interface BgpNodesState {
  map: BgpNodeMap | null;
  /** When the readings were taken (ms epoch); null before the first. */
  at: number | null;
  error: string | null;
}

export function useBgpNodes(service: BgpNodesService | undefined, fleet: Fleet, now: () => number): BgpNodesState {
  const [readings, setReadings] = useState<{ value: BgpReadings | null; at: number | null; error: string | null }>(() => ({ value: service?.last() ?? null, at: null, error: null }));
  useEffect(() => {
    if (!service) return;
    let live = true;
    const read = () =>
      service.read().then(
        (value) => live && setReadings({ value, at: now(), error: null }),
        (error: unknown) => live && setReadings((r) => ({ ...r, error: error instanceof Error ? error.message : String(error) })),
      );
    void read();
    const timer = setInterval(() => void read(), NODES_READ_EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [service, now]);
  const map = useMemo(() => (readings.value && service ? mapBgpNodes(fleet, readings.value, service.names) : null), [readings.value, fleet, service]);
  return { map, at: readings.at, error: readings.error };
}
