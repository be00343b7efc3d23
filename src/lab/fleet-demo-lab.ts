// `lbtop demo --fleet N`: the namespace fleet lab of the SSH tests, as a demo. N LB namespaces, each with a real
// sshd (its own host key, in a known_hosts the lab wrote) and a real HAProxy, in front of backend nodes with tiny
// HTTP servers (one of them down) and live traffic. lbtop reaches the LBs exactly as in production: ssh_config
// aliases, strict host-key checking, the stats socket over SSH. stop() ends what it started, by pid, and removes
// the namespaces and the scratch directory; if lbtop dies first, the lab's exit handler does the same.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startHttpTraffic } from './fleet-traffic.js';
import { startFleetLab, type FleetLab } from './netns/fleet-lab.js';

export interface FleetDemoLab {
  dir: string;
  /** lbtop.yaml for the lab (`lbtop -c` takes it), inside `dir`. */
  configPath: string;
  lbs: string[];
  /** The namespaces it made (`ip netns list` shows them until stop()). */
  namespaces: string[];
  /** Pids of the processes it started (sshd, HAProxy, HTTP nodes). */
  pids(): number[];
  stop(): Promise<void>;
}

export interface FleetDemoOptions {
  lbs: number;
  trafficPerSecond?: number;
}

export async function startFleetDemoLab(options: FleetDemoOptions): Promise<FleetDemoLab> {
  // Each HAProxy and the lab hold a process 'exit' handler (teardown if lbtop dies): past Node's warning limit
  // at a dozen LBs, and that warning would be printed across the TUI.
  const max = process.getMaxListeners();
  if (max !== 0) process.setMaxListeners(max + options.lbs + 1);
  // Root login to the lab's own sshd: the demo must not add a user account to the operator's machine.
  const fleet = await startFleetLab({ lbs: options.lbs, nodes: 3, downNodes: 1, user: 'root' });
  let stopTraffic: (() => void) | null = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    stopTraffic?.();
    await fleet.close();
  };
  try {
    const configPath = path.join(fleet.ssh.lab.dir, 'lbtop.yaml');
    writeFileSync(configPath, fleetDemoYaml(fleet));
    stopTraffic = startHttpTraffic(fleet.lbs.map((lb) => fleet.url(lb, '/')), { perSecond: options.trafficPerSecond ?? 30 });
    return {
      dir: fleet.ssh.lab.dir,
      configPath,
      lbs: fleet.lbs,
      namespaces: [`${fleet.ssh.lab.runId}-net`, ...fleet.ssh.lab.hosts.map((h) => h.ns)],
      pids: () => [...Object.values(fleet.ssh.sshd), ...Object.values(fleet.haproxy), ...fleet.nodes].map((p) => p.pid),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Every LB by its ssh_config alias; routing: lets MAPS/DRIFT/:trace read its haproxy.cfg and reload it. */
function fleetDemoYaml(fleet: FleetLab): string {
  const lbs = fleet.lbs.map((lb) => {
    const h = fleet.haproxy[lb]!;
    return `  ${lb}:\n    ssh: ${lb}\n    haproxy: { socket: ${h.socket} }\n    routing: { config: ${h.configPath}, master: ${h.masterSocket}, after_write: reload }`;
  });
  return `# Written by \`lbtop demo --fleet\`: LBs in network namespaces, reached over SSH. Removed when the demo stops.
interval: 1
defaults:
  ssh: { config: ${fleet.ssh.configFile} }
lbs:
${lbs.join('\n')}
clusters:
  fleet: { backends: [be_http, be_api], frontends: [fe] }
`;
}
