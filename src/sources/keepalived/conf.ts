// keepalived.conf → what the runtime dumps lack or show only after a reload: the configured initial state,
// priorities, nopreempt, track_script/track_file weights, unicast peers, VIPs. `include` is noted, not followed.
// auth_pass is never read: only auth_type reaches the model, and no message quotes an authentication block.
import { ParseError } from '../../model/errors.js';
import type { KeepalivedConfig, VirtualIp, VrrpInstanceConfig, VrrpScriptConfig } from '../../model/failover.js';
import { addressKey } from '../netlink/address.js';
import { parseConfTree, type ConfNode } from './conf-tree.js';
import { parseVirtualIp } from './virtual-ip.js';

function arg(node: ConfNode, what: string): string {
  const value = node.words[1];
  if (value === undefined) throw new ParseError(`"${node.words[0]}" needs ${what}`, node.line);
  return value;
}

function int(node: ConfNode, min: number, max: number): number {
  const text = arg(node, 'a number');
  const n = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) {
    throw new ParseError(`"${node.words[0]}": "${text}" is not a number from ${min} to ${max}`, node.line);
  }
  return n;
}

function num(node: ConfNode): number {
  const text = arg(node, 'a number');
  if (!/^\d+(\.\d+)?$/.test(text)) throw new ParseError(`"${node.words[0]}": "${text}" is not a number`, node.line);
  return Number(text);
}

function block(node: ConfNode): ConfNode[] {
  return node.children ?? [];
}

/** `name [weight N]` lines of track_script / track_file / track_interface; null weight: use the default. */
function tracked(node: ConfNode): { name: string; weight: number | null; line: number }[] {
  return block(node).map((n) => {
    const at = n.words.indexOf('weight');
    if (at < 0) return { name: n.words[0] as string, weight: null, line: n.line };
    const w = n.words[at + 1] ?? '';
    if (!/^-?\d+$/.test(w)) throw new ParseError(`"${n.words[0]}": weight "${w}" is not a number`, n.line);
    return { name: n.words[0] as string, weight: Number(w), line: n.line };
  });
}

function vips(node: ConfNode): VirtualIp[] {
  return block(node).map((n) => {
    const vip = parseVirtualIp(n.words);
    if (!vip) throw new ParseError(`cannot read virtual IP "${n.words.join(' ')}"`, n.line);
    return vip;
  });
}

function script(node: ConfNode): VrrpScriptConfig {
  const name = arg(node, 'a name');
  const s: VrrpScriptConfig = { name, command: null, interval: null, weight: 0, fall: null, rise: null };
  for (const n of block(node)) {
    const key = n.words[0];
    if (key === 'script') s.command = n.words.slice(1).join(' ') || null;
    else if (key === 'interval') s.interval = num(n);
    else if (key === 'weight') s.weight = int(n, -253, 253);
    else if (key === 'fall') s.fall = int(n, 1, 1_000_000);
    else if (key === 'rise') s.rise = int(n, 1, 1_000_000);
  }
  return s;
}

function instance(node: ConfNode, scripts: Map<string, number>, files: Map<string, number>): VrrpInstanceConfig {
  const name = arg(node, 'a name');
  const inst: Omit<VrrpInstanceConfig, 'virtualRouterId'> & { virtualRouterId: number | null } = {
    name, initialState: null, interface: null, virtualRouterId: null, priority: 100, advertInt: null,
    nopreempt: false, preemptDelay: null, unicastSource: null, unicastPeers: [], vips: [], excludedVips: [],
    trackScripts: [], trackFiles: [], trackInterfaces: [], authType: null, line: node.line,
  };
  for (const n of block(node)) {
    const key = n.words[0];
    if (key === 'state') {
      const s = arg(n, 'MASTER or BACKUP');
      if (s !== 'MASTER' && s !== 'BACKUP') throw new ParseError(`${name}: state "${s}" is not MASTER or BACKUP`, n.line);
      inst.initialState = s;
    } else if (key === 'interface') inst.interface = arg(n, 'an interface');
    else if (key === 'virtual_router_id') inst.virtualRouterId = int(n, 1, 255);
    else if (key === 'priority') inst.priority = int(n, 1, 255);
    else if (key === 'advert_int') inst.advertInt = num(n);
    else if (key === 'nopreempt') inst.nopreempt = true;
    else if (key === 'preempt_delay') inst.preemptDelay = num(n);
    else if (key === 'unicast_src_ip') inst.unicastSource = arg(n, 'an address');
    else if (key === 'unicast_peer') {
      inst.unicastPeers = block(n).map((p) => {
        const peer = p.words[0] ?? '';
        if (addressKey(peer) === null) throw new ParseError(`${name}: unicast peer "${peer}" is not an address`, p.line);
        return peer;
      });
    } else if (key === 'virtual_ipaddress') inst.vips = vips(n);
    else if (key === 'virtual_ipaddress_excluded') inst.excludedVips = vips(n);
    else if (key === 'track_script') {
      inst.trackScripts = tracked(n).map((t) => ({ name: t.name, weight: t.weight ?? scripts.get(t.name) ?? 0 }));
    } else if (key === 'track_file') {
      inst.trackFiles = tracked(n).map((t) => ({ name: t.name, weight: t.weight ?? files.get(t.name) ?? 0 }));
    } else if (key === 'track_interface') {
      inst.trackInterfaces = tracked(n).map((t) => ({ name: t.name, weight: t.weight ?? 0 }));
    } else if (key === 'authentication') {
      const type = block(n).find((a) => a.words[0] === 'auth_type')?.words[1];
      inst.authType = type === 'PASS' ? 'PASS' : type === 'AH' ? 'AH' : null;
    }
  }
  const { virtualRouterId } = inst;
  if (virtualRouterId === null) throw new ParseError(`vrrp_instance ${name} has no virtual_router_id`, node.line);
  return { ...inst, virtualRouterId };
}

export function parseKeepalivedConf(text: string): KeepalivedConfig {
  const tree = parseConfTree(text);
  const conf: KeepalivedConfig = {
    routerId: null, scripts: [], trackFiles: [], instances: [], syncGroups: [], includes: [],
  };
  // Scripts and track files first: an instance may come before the script it tracks.
  for (const node of tree) {
    const key = node.words[0];
    if (key === 'vrrp_script') conf.scripts.push(script(node));
    else if (key === 'vrrp_track_file') {
      const file = block(node).find((n) => n.words[0] === 'file');
      const weight = block(node).find((n) => n.words[0] === 'weight');
      // keepalived's default track_file weight is 1: the file's number counts as is.
      const w = weight ? int(weight, -254, 254) : 1;
      conf.trackFiles.push({ name: arg(node, 'a name'), file: file ? arg(file, 'a path') : null, weight: w });
    } else if (key === 'global_defs') {
      const rid = block(node).find((n) => n.words[0] === 'router_id');
      conf.routerId = rid ? arg(rid, 'a name') : null;
    } else if (key === 'include') conf.includes.push({ pattern: arg(node, 'a file'), line: node.line });
    else if (key === 'vrrp_sync_group') {
      const group = block(node).find((n) => n.words[0] === 'group');
      conf.syncGroups.push({ name: arg(node, 'a name'), instances: group ? block(group).flatMap((n) => n.words) : [] });
    }
  }
  const scripts = new Map(conf.scripts.map((s) => [s.name, s.weight]));
  const files = new Map(conf.trackFiles.map((f) => [f.name, f.weight]));
  conf.instances = tree.filter((n) => n.words[0] === 'vrrp_instance').map((n) => instance(n, scripts, files));
  return conf;
}
