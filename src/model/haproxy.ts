// Plain HAProxy data types. This module imports nothing: every layer depends on it, it depends on none.

/** What a `show stat` row describes (HAProxy's `type` column: 0 frontend, 1 backend, 2 server, 3 listener). */
export type StatKind = 'frontend' | 'backend' | 'server' | 'listener';

/**
 * One row of `show stat`, with the columns lbtop uses typed. Numbers are `null` where HAProxy printed an
 * empty field (not applicable to that row type, or a column missing in that HAProxy version).
 */
export interface StatRow {
  proxy: string; // pxname
  name: string; // svname (FRONTEND, BACKEND or the server name)
  kind: StatKind;
  /** Raw status text: UP, DOWN, OPEN, MAINT, DRAIN, "UP 1/3", "DOWN 1/2", "no check", "MAINT (via b/s)"... */
  status: string;
  weight: number | null;
  scur: number | null;
  smax: number | null;
  slim: number | null;
  stot: number | null;
  bin: number | null;
  bout: number | null;
  qcur: number | null;
  qmax: number | null;
  rate: number | null;
  rateMax: number | null;
  reqRate: number | null;
  reqTot: number | null;
  dreq: number | null;
  dresp: number | null;
  ereq: number | null;
  econ: number | null;
  eresp: number | null;
  wretr: number | null;
  wredis: number | null;
  chkfail: number | null;
  chkdown: number | null;
  lastchg: number | null;
  downtime: number | null;
  hrsp1xx: number | null;
  hrsp2xx: number | null;
  hrsp3xx: number | null;
  hrsp4xx: number | null;
  hrsp5xx: number | null;
  hrspOther: number | null;
  checkStatus: string;
  checkCode: number | null;
  checkDuration: number | null;
  lastChk: string;
  act: number | null;
  bck: number | null;
  iid: number | null;
  sid: number | null;
  /** Server address "ip:port" (HAProxy >= 1.7 `addr` column); empty for other rows or older versions. */
  addr: string;
  mode: string;
  /**
   * A backend's balance algorithm as `show stat` names it (2.x `algo` column, BACKEND rows): "roundrobin",
   * "static-rr", "source", "hash"…; "unknown" for `random` on 2.6; empty for other rows or older versions.
   */
  algo: string;
}

/** `show info`, the fields lbtop reads plus every key as text. */
export interface HaproxyInfo {
  name: string;
  version: string;
  releaseDate: string;
  pid: number | null;
  uptimeSec: number | null;
  currConns: number | null;
  maxConn: number | null;
  node: string;
  /** `Stopping: 1`: a process on its way out (a reload's old worker); null when this HAProxy does not say. */
  stopping: boolean | null;
  raw: Record<string, string>;
}

/**
 * Server admin-state bits from `show servers state` (srv_admin_state), as defined in HAProxy's
 * include/haproxy/server-t.h. FMAINT/FDRAIN are what `set server ... state maint|drain` sets.
 */
export const SrvAdmin = {
  FMAINT: 0x01, // forced maintenance (CLI / stats page)
  IMAINT: 0x02, // inherited maintenance (tracked server)
  CMAINT: 0x04, // maintenance from config (`disabled`)
  FDRAIN: 0x08, // forced drain
  IDRAIN: 0x10, // inherited drain
  RMAINT: 0x20, // maintenance because the address could not be resolved
  HMAINT: 0x40, // maintenance because of a hostname change
} as const;

/** srv_op_state values. */
export const SrvOp = { STOPPED: 0, STARTING: 1, RUNNING: 2, STOPPING: 3 } as const;

/** One line of `show servers state`. */
export interface ServerState {
  backendId: number;
  backend: string;
  serverId: number;
  server: string;
  address: string;
  opState: number;
  adminState: number;
  userWeight: number;
  initialWeight: number;
  secondsSinceChange: number;
  checkStatus: number;
  checkResult: number;
  checkHealth: number;
  checkState: number;
  agentState: number;
  port: number | null;
  fqdn: string;
}

/** The admin state an operator sets on a server. */
export type AdminTarget = 'ready' | 'drain' | 'maint';

/** Everything read from one HAProxy in one poll. */
export interface HaproxySnapshot {
  info: HaproxyInfo;
  stats: StatRow[];
  /** Keyed by "backend/server". Absent when `show servers state` was not readable. */
  servers: ReadonlyMap<string, ServerState> | null;
  /** Milliseconds since the epoch when the poll finished. */
  at: number;
  /** Round trip of the whole poll in milliseconds. */
  latencyMs: number;
  /**
   * The TUI's first poll reads frontends and backends only (a screen within a few milliseconds even at 10,000
   * servers); true until the next poll, which follows at once and brings the servers.
   */
  serversPending?: boolean;
}
