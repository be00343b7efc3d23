// Drift between LBs that serve the same backend: where they disagree on a server's admin state, weight, check
// status or presence, and on HAProxy's version. What an operator checks first when "half the requests fail":
// one LB of a pair still sends to a node the other drained. Pure, over the fleet the UI already builds.
import type { Fleet, LbHealth, LogicalBackend } from '../model/fleet.js';
import { adminStateOf } from '../sources/haproxy/admin-state.js';

export type DriftKind = 'admin' | 'weight' | 'missing' | 'check' | 'version';

export interface DriftItem {
  kind: DriftKind;
  cluster: string;
  /** "" for a fleet-wide item (version). */
  backend: string;
  server: string;
  /** The value per LB; "(absent)" for an LB that has the backend but not the server. */
  values: Record<string, string>;
  /** One line: "be_http/node1 admin: lb1 drain, lb2 ready". */
  text: string;
}

/** The per-server check result as it matters for drift: UP / DOWN / MAINT / DRAIN / no check. */
function checkOf(status: string): string {
  return status.split(' ')[0] ?? status;
}

function disagree(values: Record<string, string>): boolean {
  return new Set(Object.values(values)).size > 1;
}

function render(backend: string, server: string, kind: DriftKind, values: Record<string, string>): string {
  const where = server ? `${backend}/${server}` : backend || 'fleet';
  return `${where} ${kind}: ${Object.entries(values).map(([lb, v]) => `${lb} ${v}`).join(', ')}`;
}

export function backendDrift(cluster: string, backend: LogicalBackend): DriftItem[] {
  const lbs = Object.keys(backend.perLb).length > 0 ? Object.keys(backend.perLb) : [...new Set(backend.servers.flatMap((s) => Object.keys(s.perLb)))];
  if (lbs.length < 2) return [];
  const items: DriftItem[] = [];
  const add = (server: string, kind: DriftKind, values: Record<string, string>) =>
    items.push({ kind, cluster, backend: backend.name, server, values, text: render(backend.name, server, kind, values) });
  for (const server of backend.servers) {
    const present = lbs.filter((lb) => server.perLb[lb]);
    if (present.length < lbs.length) {
      add(server.name, 'missing', Object.fromEntries(lbs.map((lb) => [lb, server.perLb[lb] ? 'present' : '(absent)'])));
    }
    if (present.length < 2) continue;
    const per = (f: (lb: string) => string) => Object.fromEntries(present.map((lb) => [lb, f(lb)]));
    const admin = per((lb) => adminStateOf(server.perLb[lb]!.row, server.perLb[lb]!.state));
    if (disagree(admin)) add(server.name, 'admin', admin);
    const weight = per((lb) => String(server.perLb[lb]!.state?.userWeight ?? server.perLb[lb]!.row.weight ?? '?'));
    if (disagree(weight)) add(server.name, 'weight', weight);
    // A check that differs only because the server is drained/in maint on one LB is the admin item already.
    if (!disagree(admin)) {
      const check = per((lb) => checkOf(server.perLb[lb]!.row.status));
      if (disagree(check)) add(server.name, 'check', check);
    }
  }
  return items;
}

export function versionDrift(lbs: readonly LbHealth[]): DriftItem[] {
  const values = Object.fromEntries(lbs.filter((h) => h.version).map((h) => [h.name, h.version!]));
  return disagree(values) ? [{ kind: 'version', cluster: '', backend: '', server: '', values, text: render('', '', 'version', values) }] : [];
}

/** Every disagreement in the fleet: versions first, then per cluster and backend in screen order. */
export function fleetDrift(fleet: Fleet): DriftItem[] {
  const items = versionDrift(fleet.lbs);
  for (const cluster of fleet.clusters) for (const backend of cluster.backends) items.push(...backendDrift(cluster.name, backend));
  return items;
}
