// The fleet as the UI and actions see it: clusters → logical backends/frontends → servers, each with one
// state per LB. Built by src/store/selectors.ts from the LB snapshots and the config.
import type { HaproxySnapshot, ServerState, StatRow } from './haproxy.js';

/** Health of one LB's runtime-API source, for the header. */
export interface LbHealth {
  name: string;
  /** Transport label: "unix:/run/haproxy/admin.sock". */
  endpoint: string;
  /** True once a poll has succeeded and the latest attempt did not fail. */
  ok: boolean;
  /** Last good data is on screen but the latest poll(s) failed. */
  stale: boolean;
  /** Message of the latest failure, cleared by the next success. */
  error: string | null;
  /** When the last successful poll finished (ms epoch), null before the first one. */
  lastOkAt: number | null;
  /** The slowest of the latest successful polls (LATENCY_WINDOW in fleet-store.ts), in ms. */
  latencyMs: number | null;
  consecutiveFailures: number;
  version: string | null;
}

export interface LbState {
  health: LbHealth;
  /** The last good snapshot; kept on failure so the screen never goes blank. */
  snapshot: HaproxySnapshot | null;
}

/** A server as it exists on one LB. */
export interface ServerOnLb {
  lb: string;
  row: StatRow;
  state: ServerState | null;
}

export interface LogicalServer {
  backend: string;
  name: string;
  /** Address from the first LB that reports one ("10.0.42.1:6443"). */
  address: string;
  /** Keyed by LB name; an LB missing here does not have this server in this backend. */
  perLb: Record<string, ServerOnLb>;
}

export interface LogicalBackend {
  name: string;
  cluster: string;
  /** The BACKEND row per LB that has this backend. */
  perLb: Record<string, StatRow>;
  servers: LogicalServer[];
}

export interface LogicalFrontend {
  name: string;
  cluster: string;
  perLb: Record<string, StatRow>;
}

export interface ClusterGroup {
  name: string;
  /** True for the fallback group named after an LB, holding what no configured cluster claims. */
  implicit: boolean;
  frontends: LogicalFrontend[];
  backends: LogicalBackend[];
  /** LBs that carry at least one of this cluster's proxies. */
  lbs: string[];
}

export interface Fleet {
  clusters: ClusterGroup[];
  lbs: LbHealth[];
}

/** One server of one LB as a node sees it: where it is, and which cluster shows it. */
export interface NodeMember {
  lb: string;
  cluster: string;
  backend: string;
  server: string;
  /** The `addr` HAProxy reports on that LB ("10.0.0.1:80", "unix", "" …). */
  addr: string;
  /** The DNS name the server is configured with (`show servers state` srv_fqdn), "" when it has none. */
  fqdn: string;
}

/** A machine that could be meant (a name carried by servers at several addresses): what picking it would touch. */
export interface NodeCandidate {
  address: string;
  members: NodeMember[];
  backends: string[];
  clusters: string[];
  /** The server names at that address ("worker1", "node2-backup"). */
  names: string[];
}
