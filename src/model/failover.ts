// The failover stack as lbtop sees it: keepalived VRRP instances, heartbeat clusters, BIRD protocols and routes,
// and what the kernel says each LB really holds. Plain types; this module imports nothing. Secrets (VRRP
// auth_pass, heartbeat authkeys) have no field here on purpose: a parser cannot leak what the model cannot hold.

// ---- keepalived ----------------------------------------------------------------------------------------------

/** keepalived's VRRP states. STOP and DELETED are transient (shutdown, reload removing an instance). */
export type VrrpState = 'INIT' | 'BACKUP' | 'MASTER' | 'FAULT' | 'STOP' | 'DELETED';

/** A virtual_ipaddress entry: "10.99.0.17/24 dev eth0 label eth0:ing". */
export interface VirtualIp {
  address: string;
  /** null when the config gave none (keepalived then uses /32 or /128). */
  prefixLength: number | null;
  device: string | null;
  label: string | null;
  /** The data dump marks VIPs keepalived has configured on the interface ("set"); null where unknown. */
  set: boolean | null;
}

/** Track script result as the data dump prints it; 'unknown' where the source does not say (conf, JSON). */
export type TrackStatus = 'GOOD' | 'BAD' | 'INIT' | 'INIT/FAILED' | 'unknown';

export interface TrackedScript {
  /** vrrp_script name; the JSON dump only knows the command, which then stands in for the name. */
  name: string;
  status: TrackStatus;
  /** Weight applied to this instance (an instance may override the script's); null where the source lacks it. */
  weight: number | null;
}

export interface TrackedFile {
  name: string;
  weight: number;
  /** The number read from the file; null where the source lacks it. */
  value: number | null;
}

/** One vrrp_instance as the running daemon reports it (data dump, or JSON dump with fewer fields). */
export interface VrrpInstance {
  name: string;
  state: VrrpState;
  wantState: VrrpState | null;
  interface: string | null;
  virtualRouterId: number;
  configuredPriority: number;
  /** After track script/file weights: what this node advertises. */
  effectivePriority: number;
  /** While BACKUP: who the master is and what it advertises. null when MASTER or unknown. */
  masterRouter: string | null;
  masterPriority: number | null;
  vips: VirtualIp[];
  trackScripts: TrackedScript[];
  trackFiles: TrackedFile[];
  /** When the instance last changed state, ms since the epoch; null if never or unknown. */
  lastTransition: number | null;
  nopreempt: boolean;
  unicastSource: string | null;
  /** Empty: multicast. */
  unicastPeers: string[];
  /** 'PASS' | 'AH' or null; the password itself is never kept. */
  authType: 'PASS' | 'AH' | null;
}

export interface KeepalivedRuntime {
  routerId: string | null;
  instances: VrrpInstance[];
}

/** A vrrp_instance as configured: what the dump lacks or only shows after a reload. */
export interface VrrpInstanceConfig {
  name: string;
  /** The `state` keyword: the initial state, not the current one. */
  initialState: 'MASTER' | 'BACKUP' | null;
  interface: string | null;
  virtualRouterId: number;
  /** keepalived's default is 100. */
  priority: number;
  advertInt: number | null;
  nopreempt: boolean;
  preemptDelay: number | null;
  unicastSource: string | null;
  unicastPeers: string[];
  vips: VirtualIp[];
  excludedVips: VirtualIp[];
  /** Weight resolved from the instance override or the vrrp_script/vrrp_track_file default. */
  trackScripts: { name: string; weight: number }[];
  trackFiles: { name: string; weight: number }[];
  trackInterfaces: { name: string; weight: number }[];
  authType: 'PASS' | 'AH' | null;
  /** 1-based line of `vrrp_instance`, for messages and previews. */
  line: number;
}

export interface VrrpScriptConfig {
  name: string;
  command: string | null;
  interval: number | null;
  weight: number;
  fall: number | null;
  rise: number | null;
}

export interface KeepalivedConfig {
  routerId: string | null;
  scripts: VrrpScriptConfig[];
  trackFiles: { name: string; file: string | null; weight: number }[];
  instances: VrrpInstanceConfig[];
  syncGroups: { name: string; instances: string[] }[];
  /** `include` lines are noted, not followed: lbtop parses the one file it was given. */
  includes: { pattern: string; line: number }[];
}

// ---- heartbeat -----------------------------------------------------------------------------------------------

/** `cl_status nodestatus`: ping is a ping node (an IP used for connectivity, not a cluster member). */
export type HeartbeatNodeStatus = 'active' | 'up' | 'init' | 'dead' | 'ping';
/** `cl_status rscstatus`: which resource groups this node holds. */
export type HeartbeatResourceStatus = 'none' | 'local' | 'foreign' | 'all' | 'transition';

export interface HeartbeatStatus {
  running: boolean;
  /** Node names as cl_status lists them (heartbeat lower-cases them). */
  nodes: string[];
  nodeStatus: Record<string, HeartbeatNodeStatus | null>;
  resources: HeartbeatResourceStatus | null;
}

export interface HaResource {
  /** Resource script or OCF agent name: IPaddr2, HCaliasIP; a bare address means IPaddr. */
  agent: string;
  args: string[];
  raw: string;
}

export interface HaResourceGroup {
  /** The preferred node for this group. */
  node: string;
  resources: HaResource[];
  line: number;
}

// ---- BIRD ----------------------------------------------------------------------------------------------------

export type BirdProtocolState = 'up' | 'down' | 'start' | 'stop' | 'flush';

/** A row of `show protocols`. */
export interface BirdProtocol {
  name: string;
  proto: string;
  /** null where BIRD prints "---" (BIRD 2 protocols with channels in several tables). */
  table: string | null;
  state: BirdProtocolState;
  /** As BIRD prints it, in its configured timeformat: "12:23:17.174", "2026-11-22", "2026-11-23 12:23:17". */
  since: string;
  /** Protocol-specific info, e.g. "Established", "Active Socket: No route to host" (whitespace collapsed). */
  info: string;
}

export interface BirdChannel {
  /** "ipv4"/"ipv6" in BIRD 2; null for BIRD 1.x, which has one implicit channel per protocol. */
  name: string | null;
  state: string | null;
  table: string | null;
  preference: number | null;
  importFilter: string | null;
  exportFilter: string | null;
  routes: { imported: number; filtered: number; exported: number; preferred: number } | null;
}

export interface BirdBgpSession {
  state: string;
  neighborAddress: string | null;
  neighborAs: number | null;
  localAs: number | null;
  neighborId: string | null;
  sourceAddress: string | null;
  lastError: string | null;
}

/** `show protocols all NAME`. */
export interface BirdProtocolDetail {
  protocol: BirdProtocol;
  bgp: BirdBgpSession | null;
  channels: BirdChannel[];
}

/** One route of `show route`; alternatives for the same network are separate entries. */
export interface BirdRoute {
  network: string;
  table: string | null;
  /** BIRD 2's route type (unicast, blackhole, unreachable...); BIRD 1.x: "unicast" when it has a next hop. */
  type: string;
  protocol: string;
  since: string;
  primary: boolean;
  preference: number;
  nextHops: { via: string | null; interface: string | null }[];
  /** The peer BIRD names after "from" (a route reflector's client, an IPv6 route over an IPv4 session); else null. */
  from: string | null;
  /** `show route all`: the attribute lines ("BGP.origin" → "IGP", "BGP.next_hop" → …); empty without `all`. */
  attributes: Record<string, string>;
}

export interface BirdRouteCount {
  /** One entry per table (BIRD 1.x: one, table null). */
  tables: { table: string | null; routes: number; totalRoutes: number; networks: number }[];
  routes: number;
  networks: number;
}

// ---- kernel addresses and the VIP truth ------------------------------------------------------------------------

export interface IpAddress {
  family: 'inet' | 'inet6';
  address: string;
  prefixLength: number;
  label: string | null;
  secondary: boolean;
  /** IPv6 duplicate address detection failed or still running: the address is not usable. */
  unusable: boolean;
}

export interface IpInterface {
  name: string;
  index: number;
  operState: string;
  up: boolean;
  addresses: IpAddress[];
}

/** `not-checked`: a resource that is no address on an LB (a script moving a cloud floating IP): the holder is the
 * daemon's word only. */
export type VipVerdictKind = 'held' | 'held-elsewhere' | 'split-brain' | 'missing' | 'unknown' | 'not-checked';

export interface VipHolder {
  host: string;
  interface: string;
  /** The interface is administratively down or has no carrier: the address is there but serves nothing. */
  interfaceUp: boolean;
}

export interface VipVerdict {
  vip: string;
  kind: VipVerdictKind;
  /** Needs the operator now: split brain, or nobody holds it. */
  alarm: boolean;
  holders: VipHolder[];
  expectedOwner: string | null;
  /** Hosts whose addresses could not be read: a missing VIP may be there, a split brain may be hidden. */
  unknownHosts: string[];
  message: string;
}
