// `lbtop demo --fleet N`: the namespace fleet lab of the SSH tests, as a demo. N LB namespaces, each with a real
// sshd (its own host key, in a known_hosts the lab wrote) and a real HAProxy, in front of backend nodes with tiny
// HTTP servers (one of them down) and live traffic; the failover stack on top (fleet-failover.ts: a keepalived
// pair holding two VIPs, BIRD peering with the nodes). lbtop reaches the LBs exactly as in production: ssh_config
// aliases, strict host-key checking, the stats socket over SSH, keepalived and BIRD over exec channels. With root
// the namespaces are the host's (`ip netns`); without, they live in a user namespace (netns/userns.ts) and each
// sshd is reached through a loopback port (netns/ssh-relay.ts). stop() ends what it started, by pid, and removes
// the namespaces and the scratch directory; if lbtop dies first, the lab's exit handler (and, in a user
// namespace, the holder) does the same.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { failoverShells, startFleetFailover, type FleetFailover } from './fleet-failover.js';
import { startHttpTraffic } from './fleet-traffic.js';
import { startFleetLab, type FleetLab } from './netns/fleet-lab.js';

export interface FleetDemoLab {
  dir: string;
  /** lbtop.yaml for the lab (`lbtop -c` takes it), inside `dir`. */
  configPath: string;
  lbs: string[];
  /** The namespaces it made (`ip netns list` shows them until stop(); inside the user namespace without root). */
  namespaces: string[];
  /** The user namespace's holder (netns/userns.ts), or null with root. */
  usernsPid: number | null;
  failover: FleetFailover;
  /** Pids of the processes it started (sshd, HAProxy, HTTP nodes). */
  pids(): number[];
  stop(): Promise<void>;
}

export interface FleetDemoOptions {
  lbs: number;
  trafficPerSecond?: number;
  /** Build it in a user namespace (not root). */
  userns?: boolean;
}

export async function startFleetDemoLab(options: FleetDemoOptions): Promise<FleetDemoLab> {
  // Each HAProxy and the lab hold a process 'exit' handler (teardown if lbtop dies): past Node's warning limit
  // at a dozen LBs, and that warning would be printed across the TUI.
  const max = process.getMaxListeners();
  if (max !== 0) process.setMaxListeners(max + options.lbs + 1);
  const lbNames = Array.from({ length: options.lbs }, (_, i) => `lb${i + 1}`);
  // Root login to the lab's own sshd with root: the demo must not add a user account to the operator's machine.
  // Without root, sshd runs as this user, and only this user can log in.
  const user = options.userns ? os.userInfo().username : 'root';
  const shells = failoverShells(lbNames, options.userns === true);
  const fleet = await startFleetLab({ lbs: options.lbs, nodes: 3, downNodes: 1, user, shells, ...(options.userns ? { userns: true } : {}) });
  let stopTraffic: (() => void) | null = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    stopTraffic?.();
    await fleet.close();
  };
  try {
    const lab = fleet.ssh.lab;
    const failover = startFleetFailover({ lab, lbs: fleet.lbs, shells: fleet.ssh.shells, nodes: fleet.nodes.map((n) => n.name) });
    const configPath = path.join(lab.dir, 'lbtop.yaml');
    writeFileSync(configPath, fleetDemoYaml(fleet, failover));
    stopTraffic = startHttpTraffic(lab, fleet.lbs.map((lb) => fleet.url(lb, '/')), { perSecond: options.trafficPerSecond ?? 30 });
    return {
      dir: lab.dir,
      configPath,
      lbs: fleet.lbs,
      namespaces: [`${lab.runId}-net`, ...lab.hosts.map((h) => h.ns)],
      usernsPid: lab.userns?.pid ?? null,
      failover,
      pids: () => [...Object.values(fleet.ssh.sshd), ...Object.values(fleet.haproxy), ...fleet.nodes].map((p) => p.pid),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Every LB by its ssh_config alias; haproxy.config/master let MAPS/DRIFT/:trace read its haproxy.cfg and reload it. */
function fleetDemoYaml(fleet: FleetLab, failover: FleetFailover): string {
  const lbs = fleet.lbs.map((lb) => {
    const h = fleet.haproxy[lb]!;
    const stack = failover.lbYaml[lb] ? `\n${failover.lbYaml[lb]}` : '';
    return `  ${lb}:\n    ssh: ${lb}\n    haproxy: { socket: ${h.socket}, config: ${h.configPath}, master: ${h.masterSocket}, after_write: reload }${stack}`;
  });
  const vips = failover.vipInstances.length ? `, vips: [${failover.vipInstances.join(', ')}]` : '';
  return `# Written by \`lbtop demo --fleet\`: LBs in network namespaces, reached over SSH. Removed when the demo stops.
interval: 1
defaults:
  ssh: { config: ${fleet.ssh.configFile} }
lbs:
${lbs.join('\n')}
clusters:
  fleet: { backends: [be_http, be_api], frontends: [fe]${vips} }
`;
}
