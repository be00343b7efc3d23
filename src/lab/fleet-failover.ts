// The failover stack of the fleet demo, on the fleet's own LBs and nodes: a keepalived pair (lb1 priority 101,
// lb2 100; like seeds 000/002) holding two VIPs on the lab bridge; from 4 LBs a heartbeat pair (lb3, lb4; v1
// haresources with an IPaddr2 resource, like seed 001); and BIRD 2 on one LB peering eBGP with the backend nodes,
// each announcing a pod /26 (seed 004) while the LB announces an anycast /32. The shapes are those of
// test/failover's labs. keepalived's dump files are fixed paths in /tmp and heartbeat's state is in /run, /etc/ha.d
// and /var/lib/heartbeat, so those LBs run in a host shell (private mounts; heartbeat's node name is the host
// name) that their sshd shares: lbtop reaches them over SSH as on a real LB. keepalived and BIRD run the same in a
// user namespace (as its root). Heartbeat does not join there: it starts and takes its IPaddr2 (measured, with its
// chown to `hacluster` failing, that uid being unmapped), but refuses every client of the login, whose sshd runs as
// our uid in a nested namespace (userns: "api_process_registration_msg: cannot add client", and cl_status says
// "Heartbeat is apparently running on this machine, but refuses my connection"), while root of the namespace is let in.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { heartbeatFiles, heartbeatInstalled, heartbeatVip, startHeartbeat } from './fleet-heartbeat.js';
import type { HostShell, HostShellOptions } from './netns/host-shell.js';
import type { NetnsLab } from './netns/lab.js';

export interface FleetFailover {
  /** Extra lbtop.yaml lines per LB (indented for `lbs.NAME`). */
  lbYaml: Record<string, string>;
  vipInstances: string[];
  /** The keepalived instances' VIPs, and the anycast /32. */
  vips: string[];
  anycast: string;
}

// A daemon that is not installed is left out (its view says no LB declares it), not a reason to refuse the demo.
const installed = (bin: string) => existsSync(`/usr/sbin/${bin}`);

export interface Placement {
  keepalived: string[];
  heartbeat: string[];
  bird: string | null;
}

/** Which LBs carry what: keepalived on lb1+lb2, heartbeat on lb3+lb4 (root only), BIRD on lb3 (or the last LB). */
export function failoverPlacement(lbs: string[], userns: boolean): Placement {
  return {
    keepalived: lbs.length >= 2 && installed('keepalived') ? lbs.slice(0, 2) : [],
    heartbeat: !userns && lbs.length >= 4 && heartbeatInstalled() ? lbs.slice(2, 4) : [],
    bird: installed('bird') ? (lbs[Math.min(2, lbs.length - 1)] ?? null) : null,
  };
}

/** The host shells the stack needs (fleet-lab's `shells`): heartbeat's get their host name and its directories. */
export function failoverShells(lbs: string[], userns: boolean): Record<string, (lab: NetnsLab) => HostShellOptions> {
  const place = failoverPlacement(lbs, userns);
  const shells: Record<string, (lab: NetnsLab) => HostShellOptions> = {};
  for (const lb of place.keepalived) shells[lb] = () => ({});
  for (const lb of place.heartbeat) shells[lb] = (lab) => heartbeatFiles(lab, lb, place.heartbeat);
  return shells;
}

// Nine characters on purpose (see test/support/lab/keepalived-lab.ts): keepalived truncates PASS to 8.
const AUTH_PASS = 'labS3cret';

function keepalivedConf(lb: string, dir: string, priority: number, vips: string[]): string {
  const instance = (name: string, vrid: number, vip: string) => `
vrrp_instance ${name} {
  state BACKUP
  interface eth0
  virtual_router_id ${vrid}
  priority ${priority}
  advert_int 1
  authentication {
    auth_type PASS
    auth_pass ${AUTH_PASS}
  }
  track_file {
    maint
  }
  virtual_ipaddress {
    ${vip}/24 dev eth0
  }
}`;
  return `global_defs {
  router_id ${lb}
  vrrp_garp_master_delay 1
}
vrrp_track_file maint {
  file "${dir}/maint"
  weight -50
}
${instance('api_vip', 51, vips[0]!)}
${instance('ingress_vip', 52, vips[1]!)}
`;
}

function birdConf(me: string, as: number, statics: { name: string; route: string }, peers: { name: string; address: string; as: number }[]): string {
  const filters = `import all; export where proto = "${statics.name}"; next hop self;`;
  return `router id ${me};
protocol device { scan time 10; }
protocol static ${statics.name} { ipv4; route ${statics.route} blackhole; }
${peers
  .map((p) => `protocol bgp ${p.name} {
  local ${me} as ${as}; neighbor ${p.address} as ${p.as}; direct;
  connect retry time 1; error wait time 1, 2;
  ipv4 { ${filters} };
}`)
  .join('\n')}
`;
}

export interface FailoverHosts {
  lab: NetnsLab;
  lbs: string[];
  /** Host shells of the keepalived and heartbeat LBs (their sshd runs there too; see failoverShells). */
  shells: Record<string, HostShell>;
  /** Backend nodes that run a BGP speaker. */
  nodes: string[];
}

/** Starts keepalived, heartbeat and BIRD (killed with the lab's processes) and returns what lbtop.yaml must say about them. */
export function startFleetFailover(hosts: FailoverHosts): FleetFailover {
  const { lab, shells } = hosts;
  const place = failoverPlacement(hosts.lbs, lab.userns !== null);
  const vips = [`${lab.subnet}.200`, `${lab.subnet}.201`];
  const anycast = `${lab.subnet}.250/32`;
  const lbYaml: Record<string, string> = {};
  const declare = (lb: string, line: string) => (lbYaml[lb] = lbYaml[lb] ? `${lbYaml[lb]}\n${line}` : line);
  place.keepalived.forEach((lb, i) => {
    const dir = path.join(lab.dir, lb, 'keepalived');
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    writeFileSync(path.join(dir, 'maint'), '0\n');
    const conf = path.join(dir, 'keepalived.conf');
    writeFileSync(conf, keepalivedConf(lb, dir, 101 - i, vips), { mode: 0o600 });
    const argv = ['keepalived', '-l', '-D', '-G', '-P', '-f', conf, '-p', `${dir}/ka.pid`, '-r', `${dir}/vrrp.pid`];
    shells[lb]!.spawn(['keepalived', '-n', ...argv.slice(1)]);
    declare(lb, `    keepalived: { conf: ${conf}, pid_file: ${dir}/ka.pid, start: [${argv.join(', ')}] }`);
  });
  if (place.bird) {
    const lb = place.bird;
    const me = lab.host(lb).address;
    const sock = (host: string) => path.join(lab.dir, host, 'bird.ctl');
    const start = (host: string, conf: string) => {
      mkdirSync(path.join(lab.dir, host), { recursive: true, mode: 0o755 });
      writeFileSync(path.join(lab.dir, host, 'bird.conf'), conf);
      lab.spawn(host, ['bird', '-f', '-c', path.join(lab.dir, host, 'bird.conf'), '-s', sock(host), '-P', path.join(lab.dir, host, 'bird.pid')]);
    };
    const peers = hosts.nodes.map((node, i) => ({ name: node, address: lab.host(node).address, as: 65001 + i }));
    start(lb, birdConf(me, 65000, { name: 'static_vip', route: anycast }, peers));
    peers.forEach((p, i) => start(p.name, birdConf(p.address, p.as, { name: 'static_pods', route: `172.16.${171 + i}.64/26` }, [{ name: lb, address: me, as: 65000 }])));
    declare(lb, `    bird: { socket: ${sock(lb)}, client: birdc }`);
  }
  for (const lb of place.heartbeat) {
    startHeartbeat(shells[lb]!);
    declare(lb, `    heartbeat: { node: ${lb} }`);
  }
  const vipInstances = [...(place.keepalived.length ? ['api_vip', 'ingress_vip'] : []), ...(place.heartbeat.length ? [heartbeatVip(lab)] : [])];
  return { lbYaml, vipInstances, vips, anycast };
}
