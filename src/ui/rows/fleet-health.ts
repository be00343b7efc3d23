// The header's LB line for a fleet: every LB with its state, version, latency and the route its runtime API
// takes (fwd = OpenSSH stream-local forwarding, socat / sudo socat = the fallbacks, tcp). Past a handful of LBs
// the line cannot hold them all, so it becomes a count per state followed by the LBs that need a look (down,
// stale, then the slowest), worst first: the one that hangs is what the operator must see.
import type { LbHealth } from '../../model/fleet.js';
import { age } from '../columns/format.js';
import { healthLabel, type HealthLabel } from './health.js';

export const FULL_LINE_MAX_LBS = 6;

/** Which route an endpoint label names ("ssh lb1 → socat (sudo) /run/..."); empty for local sockets. */
export function routeTag(endpoint: string): string {
  if (!endpoint.startsWith('ssh ')) return '';
  if (endpoint.includes('→ stream-local ')) return 'fwd';
  if (endpoint.includes('→ socat (sudo) ')) return 'sudo socat';
  if (endpoint.includes('→ socat ')) return 'socat';
  if (endpoint.includes('→ tcp ')) return 'ssh tcp';
  return 'ssh';
}

/**
 * A poll's round trip as the header shows it: coarse on purpose. Under 10 ms it is "<10ms", then in steps of
 * 10 ms, then tenths of a second. A local socket's 2–6 ms jitter would otherwise rewrite the header at every
 * poll (terminal bytes over a slow link, issue 13) while telling the operator nothing; a slow LB still shows.
 */
export function latencyText(ms: number): string {
  if (ms < 10) return '<10ms';
  if (ms < 995) return `${Math.round(ms / 10) * 10}ms`;
  return `${(ms / 1000).toFixed(1)}s`;
}

export function lbText(h: LbHealth, now: number): string {
  const label = healthLabel(h);
  const version = h.version ? ` ${h.version.split('-')[0]}` : '';
  const latency = h.latencyMs !== null ? ` ${latencyText(h.latencyMs)}` : '';
  const route = routeTag(h.endpoint);
  const via = route ? ` ${route}` : '';
  if (label === 'ok') return `${h.name} ok${version}${latency}${via}`;
  if (label === 'connecting') return `${h.name} connecting…`;
  const since = h.lastOkAt !== null ? ` ${age(now - h.lastOkAt)}` : '';
  return `${h.name} ${label.toUpperCase()}${since}: ${h.error ?? 'no data'}`;
}

export interface HealthItem {
  text: string;
  label: HealthLabel;
}

/** The items of the LB line: one per LB for a small fleet, else a summary and the LBs worth a look. */
export function healthItems(lbs: readonly LbHealth[], now: number, max = FULL_LINE_MAX_LBS): HealthItem[] {
  if (lbs.length <= max) return lbs.map((h) => ({ text: lbText(h, now), label: healthLabel(h) }));
  const counts = new Map<HealthLabel, number>();
  for (const h of lbs) counts.set(healthLabel(h), (counts.get(healthLabel(h)) ?? 0) + 1);
  const summary = (['ok', 'stale', 'down', 'connecting'] as const)
    .filter((l) => counts.get(l))
    .map((l) => `${counts.get(l)} ${l}`)
    .join(' · ');
  const rank: Record<HealthLabel, number> = { down: 0, stale: 1, connecting: 2, ok: 3 };
  const worst = [...lbs].sort((a, b) => rank[healthLabel(a)] - rank[healthLabel(b)] || (b.latencyMs ?? 0) - (a.latencyMs ?? 0));
  const latencies = lbs.map((h) => h.latencyMs).filter((l): l is number => l !== null);
  const slowest = latencies.length ? ` · slowest ${latencyText(Math.max(...latencies))}` : '';
  const head: HealthItem = { text: `${lbs.length} LBs: ${summary}${slowest}`, label: counts.get('down') ? 'down' : counts.get('stale') ? 'stale' : 'ok' };
  return [head, ...worst.slice(0, max).map((h) => ({ text: lbText(h, now), label: healthLabel(h) }))];
}
