// Two LB hosts with real keepalived and HAProxy, for the failover end-to-end tests: a VRRP instance per VIP (like
// seed 000), priorities 101/100 (like seed 002), a track_script on HAProxy's health URL (weight -2: HAProxy down
// on lb1 puts it under lb2), a track file (weight -50) for lbtop's preferred method. VRRP multicast stays on the
// lab bridge. Everything is stopped by pid and the namespaces removed by close().
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
import { startHostShell, type HostShell } from '../../../src/lab/netns/host-shell.js';
import { NetnsLab } from '../../../src/lab/netns/lab.js';
import { killPid } from '../../../src/lab/netns/sh.js';

export const HAPROXY_CFG = `
global
  stats socket @SOCKET@ mode 600 level admin
  pidfile @DIR@/haproxy.pid
defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
frontend fe
  bind 127.0.0.1:18080
  monitor-uri /health
  default_backend api
backend api
  server s1 127.0.0.1:18081
`;

// Nine characters on purpose: keepalived truncates to 8 and `keepalived -t` then fails on the running config too.
export const AUTH_PASS = 'labS3cret';

function keepalivedConf(lb: string, dir: string, priority: number, vips: string[]): string {
  const instance = (name: string, vrid: number, vip: string, trackFile: boolean) => `
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
  track_script {
    chk_haproxy
  }${trackFile ? `
  track_file {
    maint
  }` : ''}
  virtual_ipaddress {
    ${vip}/24 dev eth0
  }
}`;
  return `global_defs {
  router_id ${lb}
  enable_script_security
  script_user root
  vrrp_garp_master_delay 1
}
vrrp_script chk_haproxy {
  script "/usr/bin/curl -sf -o /dev/null http://127.0.0.1:18080/health"
  interval 1
  fall 1
  rise 1
  weight -2
}
vrrp_track_file maint {
  file "${dir}/maint"
  weight -50
}
${instance('api_vip', 51, vips[0]!, true)}
${instance('ingress_vip', 52, vips[1]!, false)}
`;
}

export interface KeepalivedLb {
  name: string;
  dir: string;
  shell: HostShell;
  haproxy: HaproxyProcess | null;
  keepalivedArgv: string[];
  startHaproxy(): Promise<void>;
  /** pids of keepalived's parent and VRRP child, from their pid files. */
  keepalivedPids(): number[];
}

export interface KeepalivedPair {
  lab: NetnsLab;
  vips: [string, string];
  lbs: Record<'lb1' | 'lb2', KeepalivedLb>;
  /** Which lab hosts have `vip` on eth0, from `ip -j addr` run in each namespace. */
  holders(vip: string): string[];
  until(what: string, test: () => boolean, timeoutMs?: number): Promise<void>;
  yaml(): string;
  close(): Promise<void>;
}

export async function startKeepalivedPair(): Promise<KeepalivedPair> {
  const lab = NetnsLab.create({ hosts: ['lb1', 'lb2'] });
  const vips: [string, string] = [`${lab.subnet}.200`, `${lab.subnet}.201`];
  const lbs = {} as KeepalivedPair['lbs'];
  try {
    for (const [name, priority] of [['lb1', 101], ['lb2', 100]] as const) {
      const dir = path.join(lab.dir, name);
      mkdirSync(dir, { recursive: true, mode: 0o755 });
      writeFileSync(path.join(dir, 'maint'), '0\n');
      writeFileSync(path.join(dir, 'keepalived.conf'), keepalivedConf(name, dir, priority, vips), { mode: 0o600 });
      const shell = await startHostShell(lab, name);
      const keepalivedArgv = ['keepalived', '-l', '-D', '-G', '-P', '-f', `${dir}/keepalived.conf`, '-p', `${dir}/ka.pid`, '-r', `${dir}/vrrp.pid`];
      const lb: KeepalivedLb = {
        name, dir, shell, haproxy: null, keepalivedArgv,
        async startHaproxy() {
          lb.haproxy = await startHaproxy({ name: 'haproxy', dir, config: HAPROXY_CFG, wrap: ['nsenter', '-t', String(shell.pid), '-m', '-n', '--'] });
        },
        keepalivedPids() {
          return ['ka.pid', 'vrrp.pid'].map((f) => Number(shell.exec(['cat', `${dir}/${f}`], { allowFail: true }).trim())).filter((n) => n > 1);
        },
      };
      await lb.startHaproxy();
      shell.spawn(['keepalived', '-n', ...keepalivedArgv.slice(1)]);
      lbs[name] = lb;
    }
  } catch (error) {
    for (const lb of Object.values(lbs)) lb.shell.close();
    lab.teardown();
    throw error;
  }
  const pair: KeepalivedPair = {
    lab,
    vips,
    lbs,
    holders(vip) {
      return (['lb1', 'lb2'] as const).filter((name) => {
        const addrs = JSON.parse(lbs[name].shell.exec(['ip', '-j', 'addr', 'show', 'dev', 'eth0'])) as { addr_info: { local: string }[] }[];
        return addrs.some((i) => i.addr_info.some((a) => a.local === vip));
      });
    },
    async until(what, test, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!test()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(100);
      }
    },
    yaml() {
      const lb = (name: 'lb1' | 'lb2') => {
        const l = lbs[name];
        return `  ${name}:
    haproxy: { socket: ${l.haproxy!.socket} }
    keepalived:
      conf: ${l.dir}/keepalived.conf
      pid_file: ${l.dir}/ka.pid
      start: [${l.keepalivedArgv.join(', ')}]`;
      };
      return `lbs:\n${lb('lb1')}\n${lb('lb2')}\nclusters:\n  k8s01: { backends: [api], vips: [api_vip, ingress_vip] }\n`;
    },
    async close() {
      for (const lb of Object.values(lbs)) {
        for (const pid of lb.keepalivedPids()) killPid(pid, 'SIGTERM');
        await lb.haproxy?.stop().catch(() => {});
        lb.shell.close();
      }
      lab.teardown();
    },
  };
  await pair.until('lb1 to hold both VIPs', () => vips.every((v) => pair.holders(v).join() === 'lb1'), 20_000);
  return pair;
}
