// How an LB declares its failover stack in lbtop.yaml (`keepalived:`, `heartbeat:`, `bird:` under an LB) and the
// VIPs a cluster claims (`vips:`). Plain types; the defaults are the Debian paths, filled in by src/config.

export interface KeepalivedTarget {
  /** keepalived.conf on the host, read for nopreempt, track weights and unicast peers. */
  conf: string;
  /** The parent process's pid file (the dump signals go to it). */
  pidFile: string;
  /** Directory of the dump files as keepalived sees it: /tmp, unless the unit has PrivateTmp. */
  dumpDir: string;
  /** How to reload after a priority edit: the argv run on the host. Default: signal the pid with SIGHUP. */
  reload: string[] | null;
  /** How to stop keepalived (last failover method). Default: signal the pid with SIGTERM. */
  stop: string[] | null;
  /** How to start it again (the way back after a stop). Default: `systemctl start keepalived`. */
  start: string[] | null;
}

export interface HeartbeatTarget {
  /** /etc/ha.d: haresources is read from there (cl_status gives the nodes; ha.cf adds nothing lbtop uses). */
  haD: string;
  /** This LB's heartbeat node name (`uname -n` on the host); default: the LB name. */
  node: string;
  /** Where hb_standby / hb_takeover live (Debian: /usr/share/heartbeat). */
  toolsDir: string;
}

export interface BirdHostTarget {
  socket: string;
  /** birdc, or birdc6 for BIRD 1.6's IPv6 daemon. */
  client: string;
  /** `nodes:` of this LB's bird: a protocol name, neighbor address or next hop → a Kubernetes node name. */
  nodes?: Record<string, string>;
}

export interface FailoverStack {
  keepalived?: KeepalivedTarget;
  heartbeat?: HeartbeatTarget;
  bird?: BirdHostTarget;
  /** Prefix every failover command with `sudo -n` (an SSH login that is not root). */
  sudo: boolean;
}
