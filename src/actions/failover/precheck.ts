// Before a VIP moves to an LB, that LB's HAProxy must serve what the VIP carries: every backend of the VIP's
// cluster UP on it. A standby with a DOWN backend would turn a planned failover into an outage, so lbtop refuses
// unless the operator overrides (--force, or the dialog's override key).
import type { ClusterConfig } from '../../model/config.js';
import type { Fleet } from '../../model/fleet.js';

export function precheckStandby(fleet: Fleet | null, cluster: ClusterConfig | undefined, to: string): { ok: boolean; lines: string[] } {
  if (!cluster) return { ok: true, lines: ['no cluster lists this VIP (clusters.<name>.vips): HAProxy backends not checked'] };
  const health = fleet?.lbs.find((l) => l.name === to);
  if (!fleet || !health) return { ok: false, lines: [`${to}: its HAProxy is not configured or not read: cannot check the backends of ${cluster.name}`] };
  if (!health.ok) return { ok: false, lines: [`${to}: HAProxy unreachable (${health.error ?? 'no answer yet'})`] };
  const group = fleet.clusters.find((c) => c.name === cluster.name);
  const backends = group?.backends ?? [];
  if (backends.length === 0) return { ok: false, lines: [`${to}: no backend of cluster ${cluster.name} seen on any LB`] };
  const lines: string[] = [];
  let ok = true;
  for (const be of backends) {
    const row = be.perLb[to];
    const status = row?.status ?? 'absent';
    const good = /^UP\b/.test(status);
    if (!good) ok = false;
    lines.push(`${to} ${be.name}: ${status}${good ? '' : '  ✗'}`);
  }
  return { ok, lines };
}
