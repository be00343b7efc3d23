// Kubernetes nodes as lbtop sees them through BGP (issue 16, seed 004): a node is the BGP peer that announces the
// pod prefixes its servers sit in, read from BIRD on the LBs. Plain types.
import type { BirdRoute } from './failover.js';
import type { NodeMember } from './fleet.js';

/** What lbtop reads from one LB's BIRD for nodes: its BGP sessions and every BGP route they brought. */
export interface BgpRouteReading {
  version: string | null;
  /** BGP protocols: name, state ("up"…) and the neighbor address from `show protocols all`. */
  peers: { protocol: string; state: string; neighbor: string | null }[];
  routes: BirdRoute[];
}

/** Per LB with BIRD: the reading, or why there is none (BIRD down, birdc missing). */
export type BgpReadings = Record<string, { reading: BgpRouteReading | null; error: string | null }>;

/** One prefix a node announces, as one LB learned it. */
export interface BgpAnnouncement {
  prefix: string;
  lb: string;
  protocol: string;
  /** The route's next hop (the node's address for Calico). */
  via: string | null;
  primary: boolean;
}

/** A server inside one of a node's prefixes, on one LB. */
export interface BgpPod extends NodeMember {
  ip: string;
  /** HAProxy's status on that LB (UP, DRAIN, MAINT…). */
  status: string;
  /** The longest announced prefix holding the address, the protocol and the LB it was learned from. */
  prefix: string;
  protocol: string;
  learnedOn: string;
}

export interface BgpNode {
  name: string;
  /** Every prefix the node announces (any LB), in address order. */
  prefixes: string[];
  announcements: BgpAnnouncement[];
  /** The LBs that learn at least one of its prefixes. */
  lbs: string[];
  pods: BgpPod[];
}

export interface BgpNodeMap {
  nodes: BgpNode[];
  /** LBs whose BIRD could not be read: their prefixes are missing from the map. */
  errors: { lb: string; error: string }[];
  /** Servers inside an equally long prefix from two nodes: given to neither (a drain must not guess). */
  conflicts: { member: NodeMember; nodes: string[]; prefix: string }[];
}
