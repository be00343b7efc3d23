// What the failover pollers read from each LB's host, and what lbtop concludes from it. Plain types.
import type {
  BirdProtocol, BirdProtocolDetail, HaResourceGroup, HeartbeatStatus, IpInterface, KeepalivedConfig,
  KeepalivedRuntime, VipVerdict,
} from './failover.js';

export interface KeepalivedReading {
  pid: number;
  /** Which dump the runtime came from (DATA preferred; JSON when the data dump cannot be had). */
  dump: 'DATA' | 'JSON';
  runtime: KeepalivedRuntime;
  /** null when keepalived.conf could not be read or parsed (confError says why): the dump still counts. */
  config: KeepalivedConfig | null;
  confError: string | null;
  /** keepalived.conf as read, with auth_pass redacted: the base of priority-edit previews. */
  confText: string | null;
}

export interface HeartbeatReading {
  status: HeartbeatStatus;
  node: string;
  groups: HaResourceGroup[];
  haresourcesError: string | null;
}

export interface BirdReading {
  version: string | null;
  protocols: BirdProtocol[];
  /** `show protocols all` of every BGP protocol, keyed by name: route counts per channel. */
  details: Record<string, BirdProtocolDetail>;
}

/** One source on one host: the last good value stays when a poll fails, marked stale with the error. */
export interface SourceState<T> {
  value: T | null;
  error: string | null;
  stale: boolean;
  /** When the value was read (ms epoch). */
  at: number | null;
}

export interface HostFailoverState {
  lb: string;
  keepalived?: SourceState<KeepalivedReading>;
  heartbeat?: SourceState<HeartbeatReading>;
  bird?: SourceState<BirdReading>;
  addresses: SourceState<IpInterface[]>;
}

/** A VIP row of the VIPS view: which instance or resource group manages it, on which LBs, and the kernel truth. */
export interface VipRow {
  vip: string;
  /** VRRP instance name, or the haresources group's node for heartbeat. */
  instance: string;
  stack: 'keepalived' | 'heartbeat';
  cluster: string | null;
  /** Per LB: what its daemon says about this instance. */
  perLb: Record<string, { state: string; configuredPriority: number | null; effectivePriority: number | null }>;
  /**
   * A heartbeat resource that is no address (seed 001's HCaliasIP, a script moving a cloud floating IP): `vip` is its
   * haresources text, the holder is what heartbeat says, and nothing checks it on the kernels (verdict not-checked).
   */
  resource?: string;
  /** Who the daemons say is master (null: none or several). */
  daemonOwner: string | null;
  verdict: VipVerdict;
}
