// Route counts of one BIRD protocol from a reading: for the BGP view and `lbtop vip status`. Apart from
// collect.ts so that showing them does not load BIRD's reader and parsers.
import type { BirdReading } from '../../model/failover-state.js';

/** Routes a protocol imports (all channels), or null when BIRD did not say. */
export function importedRoutes(reading: BirdReading, protocol: string): number | null {
  const channels = reading.details[protocol]?.channels ?? [];
  const counted = channels.filter((c) => c.routes !== null);
  return counted.length ? counted.reduce((n, c) => n + (c.routes?.imported ?? 0), 0) : null;
}

export function exportedRoutes(reading: BirdReading, protocol: string): number | null {
  const channels = reading.details[protocol]?.channels ?? [];
  const counted = channels.filter((c) => c.routes !== null);
  return counted.length ? counted.reduce((n, c) => n + (c.routes?.exported ?? 0), 0) : null;
}
