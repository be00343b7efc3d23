// An LB's health as the header and the per-LB columns show it.
import type { LbHealth } from '../../model/fleet.js';
import type { LbInfo } from '../columns/types.js';

export type HealthLabel = 'ok' | 'stale' | 'down' | 'connecting';

export function healthLabel(h: LbHealth): HealthLabel {
  if (h.stale) return 'stale';
  if (h.ok) return 'ok';
  if (h.lastOkAt === null && h.error === null) return 'connecting';
  return 'down';
}

export function lbInfos(lbs: readonly LbHealth[]): LbInfo[] {
  return lbs.map((h) => {
    const label = healthLabel(h);
    return { name: h.name, stale: label === 'stale', down: label === 'down' || label === 'connecting' };
  });
}
