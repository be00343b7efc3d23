// The typed lbtop.yaml, after validation. Produced by src/config, read by every other layer.
import type { FailoverStack } from './failover-config.js';
import type { HaproxyHostConfig } from './haproxy-host.js';
import type { UserCommand } from './user-command.js';

/** How to reach one HAProxy runtime API. At most one of socket / tcp; neither (over ssh) = read haproxy.cfg. */
export interface HaproxyEndpoint {
  /** Path of a unix stats socket (`stats socket /run/haproxy/admin.sock level admin`). */
  socket?: string;
  /** host:port of a TCP stats socket (`stats socket ipv4@127.0.0.1:9999`). */
  tcp?: string;
  /** Per-command timeout in milliseconds. */
  timeoutMs: number;
}

/** A name matcher from the config: an exact name, or a /regex/. */
export interface NameMatcher {
  source: string;
  test(name: string): boolean;
}

export interface LbConfig {
  name: string;
  haproxy: HaproxyEndpoint;
  /** Reach the LB over SSH: its runtime API by stream-local forwarding or socat, its commands as exec channels. */
  ssh?: SshTarget;
  /** Ansible inventory groups this LB came from (--inventory); `--cluster` of `lbtop node` accepts them. */
  groups?: string[];
  /** keepalived / heartbeat / BIRD on this LB's host (`keepalived:`, `heartbeat:`, `bird:`, `sudo:`). */
  failover?: FailoverStack;
  /** HAProxy on the host (`haproxy:`'s config, bin, master, service, after_write, reload_via; or old `routing:`). */
  haproxyHost?: HaproxyHostConfig;
  /** `sudo: true`: commands on this LB's host run under `sudo -n` (a login that is not root). */
  sudo?: boolean;
}

/** `ssh:` of an LB. A plain string in the file is an ssh_config alias and arrives here as `{ host: alias }`. */
export interface SshTarget {
  host?: string;
  user?: string;
  port?: number;
  /** Path of a private key file. */
  identity?: string;
  /** Jump host, as `ssh -J` takes it. */
  jump?: string;
  /** ssh_config file to resolve the host with (`ssh -F`), from `defaults.ssh.config`. */
  config?: string;
}

export interface ClusterConfig {
  name: string;
  backends: NameMatcher[];
  frontends: NameMatcher[];
  /** VIP addresses or VRRP instance / haresources group names this cluster sits behind (its header shows the owner). */
  vips?: string[];
}

export interface LbtopConfig {
  lbs: LbConfig[];
  clusters: ClusterConfig[];
  /** Poll interval in seconds (hatop's -i). */
  intervalSec: number;
  readOnly: boolean;
  theme: string;
  /** --accept-new: record unknown SSH host keys. */
  sshAcceptNew?: boolean;
  /** `defaults:` of the file as written (schema-valid), applied again to LBs imported with --inventory. */
  lbDefaults?: Record<string, unknown>;
  /** `commands:` bound to keys and node-drain hooks (k9s plugins); absent when the file has none. */
  commands?: UserCommand[];
  /** Where the file came from, for messages; undefined when built from -s flags only. */
  path?: string;
  /** `bgp.nodes:` BGP peers named as Kubernetes nodes on every LB (a protocol name or an address → the node). */
  bgpNodes?: Record<string, string>;
}

/** A problem in the config file, with the 1-based line it points at (0 when not tied to a line). */
export interface ConfigIssue {
  line: number;
  column: number;
  path: string;
  message: string;
  /** Absent means 'error': the config is refused. A warning is printed and the config is still used. */
  severity?: 'error' | 'warning';
}
