// The demo's failover stack, as an operator of seeds 002 and 004 would write it: keepalived on the seed-002 pair
// lb-0/lb-1 (VI_1: vrid 33, PASS auth, lb-1 at 101 above lb-0 at 100, as in the seed; VI_2 the other way round so
// each LB holds one VIP), a vrrp_track_file per LB (lbtop's preferred way to move a VIP), and BIRD on both LBs
// peering iBGP (AS 65000) with two Calico-like node speakers announcing their pod /26 (seed 004). The LBs announce
// the VIPs they hold back (a /32 per VIP, from the interface), so disabling a session withdraws them on the node.
// Everything sits on one LAN, 192.168.50.0/24, inside user namespaces: no address here is ever on the machine.

export const LAN = '192.168.50';
export const HOSTS = { 'lb-0': `${LAN}.250`, 'lb-1': `${LAN}.251`, worker1: `${LAN}.23`, worker2: `${LAN}.24` } as const;
export type LabHost = keyof typeof HOSTS;
export const LBS = ['lb-0', 'lb-1'] as const;
export const WORKERS = { worker1: '172.16.171.64/26', worker2: '172.16.189.64/26' } as const;
export const VIPS = { VI_1: { vrid: 33, vip: `${LAN}.254`, cluster: 'rancher' }, VI_2: { vrid: 34, vip: `${LAN}.253`, cluster: 'k3s' } } as const;
const PRIORITY: Record<(typeof LBS)[number], Record<keyof typeof VIPS, number>> = { 'lb-0': { VI_1: 100, VI_2: 101 }, 'lb-1': { VI_1: 101, VI_2: 100 } };

/** Where each LB's files are, under the lab's directory (`d`): the same layout live and in the replay. */
export const paths = (d: string, host: LabHost) => ({
  dir: `${d}/${host}`,
  keepalivedConf: `${d}/${host}/keepalived.conf`,
  kaPid: `${d}/${host}/keepalived.pid`,
  vrrpPid: `${d}/${host}/vrrp.pid`,
  trackFile: `${d}/${host}/maint`,
  birdConf: `${d}/${host}/bird.conf`,
  birdSocket: `${d}/${host}/bird.ctl`,
  birdPid: `${d}/${host}/bird.pid`,
});

/** keepalived's argv: -P VRRP only, -l -D log to our log file; TMPDIR (env) puts its dump files in the LB's dir. */
export function keepalivedArgv(bin: string, d: string, host: LabHost): string[] {
  const p = paths(d, host);
  return [bin, '-l', '-D', '-P', '-f', p.keepalivedConf, '-p', p.kaPid, '-r', p.vrrpPid];
}

export function keepalivedConf(d: string, lb: (typeof LBS)[number]): string {
  const instance = (name: keyof typeof VIPS) => `
vrrp_instance ${name} {
  state BACKUP
  interface eth0
  virtual_router_id ${VIPS[name].vrid}
  priority ${PRIORITY[lb][name]}
  advert_int 1
  authentication {
    auth_type PASS
    auth_pass 9999
  }
  track_file {
    maint
  }
  virtual_ipaddress {
    ${VIPS[name].vip}/32 dev eth0
  }
}`;
  return `global_defs {
  router_id ${lb}
  vrrp_garp_master_delay 1
}
vrrp_track_file maint {
  file "${paths(d, lb).trackFile}"
  weight -50
}
${instance('VI_1')}
${instance('VI_2')}
`;
}

const BGP = 'connect retry time 1; error wait time 1, 2;';

export function lbBirdConf(lb: (typeof LBS)[number]): string {
  const me = HOSTS[lb];
  const peers = Object.keys(WORKERS).map((w) => `protocol bgp ${w} from node { neighbor ${HOSTS[w as LabHost]} as 65000; }`).join('\n');
  return `router id ${me};
protocol device { scan time 10; }
# The VIPs this LB holds right now (keepalived adds them as /32 on eth0), announced to the nodes.
protocol direct vips { ipv4 { import where net.len = 32; }; interface "eth0"; }
protocol kernel { ipv4 { export where source = RTS_BGP; }; }
template bgp node {
  local ${me} as 65000; direct; ${BGP}
  ipv4 { import filter { if net ~ [ 172.16.0.0/16{26,26} ] then accept; reject; }; export where proto = "vips"; };
}
${peers}
`;
}

export function workerBirdConf(worker: keyof typeof WORKERS): string {
  const me = HOSTS[worker];
  const peers = LBS.map((lb) => `protocol bgp ${lb.replace('-', '')} { local ${me} as 65000; neighbor ${HOSTS[lb]} as 65000; direct; ${BGP} ipv4 { import all; export where proto = "pods"; }; }`).join('\n');
  return `router id ${me};
protocol device { scan time 10; }
protocol static pods { ipv4; route ${WORKERS[worker]} blackhole; }
${peers}
`;
}

/** What the demo's lbtop.yaml declares for lb-0/lb-1 (under each LB) and the clusters (`vips:`), with the lab's paths. */
export function failoverDeclarations(d: string, keepalivedBin = '/usr/sbin/keepalived'): { lbs: Record<string, object>; vips: Record<string, string[]> } {
  const lbs: Record<string, object> = {};
  for (const lb of LBS) {
    const p = paths(d, lb);
    lbs[lb] = {
      keepalived: { conf: p.keepalivedConf, pid_file: p.kaPid, dump_dir: p.dir, start: ['env', `TMPDIR=${p.dir}`, ...keepalivedArgv(keepalivedBin, d, lb)] },
      bird: { socket: p.birdSocket, client: 'birdc' },
    };
  }
  const vips: Record<string, string[]> = {};
  for (const [name, v] of Object.entries(VIPS)) (vips[v.cluster] ??= []).push(name);
  return { lbs, vips };
}
