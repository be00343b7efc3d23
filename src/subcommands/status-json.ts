// `lbtop status --json`: one snapshot of every LB and cluster. The documented fields (name, lbs, status,
// weight, scur, ok, error, version) are a contract for runbooks; more fields may be added, none removed.
import type { Fleet } from '../model/fleet.js';
import { adminStateOf } from '../sources/haproxy/admin-state.js';

export function statusJson(fleet: Fleet, now = Date.now()) {
  return {
    generatedAt: new Date(now).toISOString(),
    clusters: fleet.clusters.map((cluster) => ({
      name: cluster.name,
      implicit: cluster.implicit,
      lbs: cluster.lbs,
      frontends: cluster.frontends.map((fe) => ({
        name: fe.name,
        lbs: mapValues(fe.perLb, (row) => ({ status: row.status, scur: row.scur, rate: row.rate })),
      })),
      backends: cluster.backends.map((be) => ({
        name: be.name,
        lbs: mapValues(be.perLb, (row) => ({ status: row.status, scur: row.scur, qcur: row.qcur, act: row.act, bck: row.bck })),
        servers: be.servers.map((sv) => ({
          name: sv.name,
          address: sv.address,
          lbs: mapValues(sv.perLb, (on) => ({
            status: on.row.status,
            admin: adminStateOf(on.row, on.state),
            weight: on.row.weight,
            scur: on.row.scur,
            qcur: on.row.qcur,
            check: on.row.checkStatus,
          })),
        })),
      })),
    })),
    lbs: fleet.lbs.map((lb) => ({
      name: lb.name,
      endpoint: lb.endpoint,
      ok: lb.ok,
      stale: lb.stale,
      error: lb.error,
      version: lb.version,
      latencyMs: lb.latencyMs,
    })),
  };
}

function mapValues<T, U>(record: Record<string, T>, f: (value: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const [key, value] of Object.entries(record)) out[key] = f(value);
  return out;
}
