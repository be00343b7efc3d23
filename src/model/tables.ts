// Stick tables and peers as lbtop reads them from HAProxy's runtime API (`show table`, `show table NAME`,
// `show peers`): plain data, parsed by src/sources/haproxy/tables/, compared and planned on by src/actions/tables/.

/** One line of `show table`: "# table: per_client, type: string, size:1024, used:3". */
export interface StickTableInfo {
  name: string;
  /** ip, ipv6, integer, string, binary. */
  type: string;
  size: number;
  used: number;
}

/** One stored value of an entry, as the dump prints it: `gpc0_rate(10000)=3` → column "gpc0_rate(10000)". */
export interface StickDatum {
  /** Exactly as printed before `=`: the key the UI and compare use. */
  column: string;
  /** The column without its period: "gpc0_rate". */
  name: string;
  /** A rate's period in ms ("(10000)"), else null. */
  period: number | null;
  /** Numbers as numbers; server_key / server_name values stay text. */
  value: number | string;
}

export interface StickEntry {
  key: string;
  /** Sessions tracking the entry now: HAProxy does not clear an entry while this is above 0. */
  use: number;
  /** ms until it expires. */
  expMs: number;
  data: StickDatum[];
}

export interface StickTableDump {
  table: StickTableInfo;
  entries: StickEntry[];
  /** "contents not dumped due to insufficient privileges" (a user-level socket). */
  hidden: boolean;
}

/** What one LB's peer (a line of a peers section) says about one shared table. */
export interface PeerTable {
  table: string;
  /** The table's own update counters and what was pushed to / acknowledged by this peer. */
  localUpdate: number;
  lastPushed: number;
  lastAcked: number;
}

export interface PeerInfo {
  name: string;
  local: boolean;
  /** HAProxy has an applet for this peer (a session being set up or up). */
  active: boolean;
  addr: string;
  /** 3.0+: STOPPED, STARTING, RUNNING, STOPPING; null on 2.6. */
  appState: string | null;
  /** 3.0+: NOTASSIGNED, ASSIGNED, PROCESSING, FINISHED; null on 2.6. */
  learnState: string | null;
  /** NONE, CONN, HSHK, ESTA, RETR, PROT, VERS, NAME, UNKN: the last session's outcome. */
  lastStatus: string;
  lastHandshake: string;
  /** The session's stream state ("EST" when up), null when the peer has no session. */
  session: string | null;
  flags: number;
  tables: PeerTable[];
}

export interface PeersSection {
  name: string;
  disabled: boolean;
  flags: number;
  /** "4s" while the initial resync may still run, "<PAST>" after. */
  resyncTimeout: string;
  peers: PeerInfo[];
}

/** `show peers` as read on one LB for a check (the failover pre-check): its sections, or why it could not be read. */
export type PeersReading = { lb: string; sections: PeersSection[] } | { lb: string; error: string };
