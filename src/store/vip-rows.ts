// Selectors from the failover state of every LB to the VIPS view's rows: one row per VIP per VRRP instance (or
// haresources group), with each LB's daemon state and the kernel truth (checkVip) across the LBs that carry it.
import type { ClusterConfig } from '../model/config.js';
import type { HeartbeatReading, HostFailoverState, VipRow } from '../model/failover-state.js';
import type { IpInterface, VipVerdict } from '../model/failover.js';
import { haOtherResources, haResourceVips } from '../sources/heartbeat/haresources.js';
import { checkVip, type HostAddresses } from '../sources/netlink/vip-truth.js';

function addressesOf(hosts: readonly HostFailoverState[], lbs: readonly string[]): HostAddresses {
  const out: Record<string, readonly IpInterface[] | null> = {};
  for (const lb of lbs) {
    const a = hosts.find((h) => h.lb === lb)?.addresses;
    // A stale list is not the kernel's word any more: a holder could have appeared or gone.
    out[lb] = a?.value && !a.stale ? a.value : null;
  }
  return out;
}

export function clusterOfVip(clusters: readonly ClusterConfig[], vip: string, instance: string): string | null {
  return clusters.find((c) => (c.vips ?? []).some((v) => v === vip || v === instance))?.name ?? null;
}

function keepalivedRows(hosts: readonly HostFailoverState[], clusters: readonly ClusterConfig[]): VipRow[] {
  const byKey = new Map<string, VipRow>();
  for (const host of hosts) {
    const reading = host.keepalived?.value;
    if (!reading) continue;
    for (const inst of reading.runtime.instances) {
      for (const v of inst.vips) {
        const key = `${inst.name}\u0000${v.address}`;
        let row = byKey.get(key);
        if (!row) {
          row = { vip: v.address, instance: inst.name, stack: 'keepalived', cluster: clusterOfVip(clusters, v.address, inst.name), perLb: {}, daemonOwner: null, verdict: null as never };
          byKey.set(key, row);
        }
        const stale = host.keepalived?.stale ? ' (stale)' : '';
        row.perLb[host.lb] = { state: `${inst.state}${stale}`, configuredPriority: inst.configuredPriority, effectivePriority: inst.effectivePriority };
      }
    }
  }
  return [...byKey.values()];
}

/** Does the node holding `rsc` (cl_status rscstatus) hold the group that `groupNode` prefers? */
export function holdsGroup(node: string, rsc: string | null, groupNode: string): boolean {
  const own = node.toLowerCase() === groupNode.toLowerCase();
  return rsc === 'all' || (rsc === 'local' && own) || (rsc === 'foreign' && !own);
}

function groupState(reading: HeartbeatReading, groupNode: string): string {
  const s = reading.status;
  return !s.running ? 'stopped' : holdsGroup(reading.node, s.resources, groupNode) ? `holds (${s.resources})` : `standby (${s.resources})`;
}

/**
 * A resource no kernel can confirm: its holders are the LBs whose heartbeat says it holds the group. Where no
 * heartbeat says so, the group's address (checked on the kernels) tells: a haresources line runs on one node.
 * Seen with seed 001's ha.cf as published: without `auto_failback on|off` (default `legacy`), heartbeat 3.0.6
 * answers `cl_status rscstatus` with "none" on both nodes while K8sLB01 runs the group.
 */
function notChecked(row: VipRow, rows: readonly VipRow[]): VipVerdict {
  let holders = Object.entries(row.perLb).filter(([, s]) => s.state.startsWith('holds')).map(([host]) => ({ host, interface: '-', interfaceUp: true }));
  let message = `not VIP-checked: ${row.resource} is a resource script, not an address on an LB; holder per heartbeat (cl_status rscstatus)`;
  const address = rows.find((r) => r.stack === 'heartbeat' && !r.resource && r.instance === row.instance && r.verdict?.holders.length);
  if (holders.length === 0 && address) {
    holders = [...new Set(address.verdict.holders.map((h) => h.host))].map((host) => ({ host, interface: '-', interfaceUp: true }));
    message = `not VIP-checked: ${row.resource} is a resource script, not an address on an LB; heartbeat names no holder (rscstatus), so the holder is the one of its group's address ${address.vip}`;
  }
  return { vip: row.vip, kind: 'not-checked', alarm: false, holders, expectedOwner: row.daemonOwner, unknownHosts: [], message };
}

function heartbeatRows(hosts: readonly HostFailoverState[], clusters: readonly ClusterConfig[]): VipRow[] {
  const byKey = new Map<string, VipRow>();
  for (const host of hosts) {
    const reading = host.heartbeat?.value;
    if (!reading) continue;
    for (const r of haResourceVips(reading.groups)) {
      const key = `${r.node}\u0000${r.address}`;
      let row = byKey.get(key);
      if (!row) {
        row = { vip: r.address, instance: r.node, stack: 'heartbeat', cluster: clusterOfVip(clusters, r.address, r.node), perLb: {}, daemonOwner: null, verdict: null as never };
        byKey.set(key, row);
      }
      row.perLb[host.lb] = { state: groupState(reading, r.node), configuredPriority: null, effectivePriority: null };
    }
    for (const { node, resource } of haOtherResources(reading.groups)) {
      const key = `${node}\u0000resource\u0000${resource.raw}`;
      let row = byKey.get(key);
      if (!row) {
        row = { vip: resource.raw, instance: node, stack: 'heartbeat', resource: resource.agent, cluster: clusterOfVip(clusters, resource.raw, node), perLb: {}, daemonOwner: null, verdict: null as never };
        byKey.set(key, row);
      }
      row.perLb[host.lb] = { state: groupState(reading, node), configuredPriority: null, effectivePriority: null };
    }
  }
  return [...byKey.values()];
}

export function vipRows(hosts: readonly HostFailoverState[], clusters: readonly ClusterConfig[]): VipRow[] {
  const rows = [...keepalivedRows(hosts, clusters), ...heartbeatRows(hosts, clusters)];
  for (const row of rows) {
    const owners = Object.entries(row.perLb).filter(([, s]) => s.state.startsWith('MASTER') || s.state.startsWith('holds'));
    row.daemonOwner = owners.length === 1 ? owners[0]![0] : null;
  }
  // Addresses first: a script resource may take its holder from its group's address.
  for (const row of rows) if (!row.resource) row.verdict = checkVip({ vip: row.vip, expectedOwner: row.daemonOwner }, addressesOf(hosts, Object.keys(row.perLb)));
  for (const row of rows) if (row.resource) row.verdict = notChecked(row, rows);
  // Rows of a cluster first (by cluster), then the unclaimed ones; within, by instance and VIP.
  return rows.sort((a, b) => Number(a.cluster === null) - Number(b.cluster === null) || (a.cluster ?? '').localeCompare(b.cluster ?? '') || a.instance.localeCompare(b.instance) || a.vip.localeCompare(b.vip));
}

/** Header: per cluster, each VIP and who the kernels say holds it ("?" unknown, "none", "a+b" split brain). */
export function clusterVipOwners(rows: readonly VipRow[]): Map<string, { vip: string; owner: string; alarm: boolean }[]> {
  const out = new Map<string, { vip: string; owner: string; alarm: boolean }[]>();
  for (const row of rows) {
    if (!row.cluster) continue;
    const holders = [...new Set(row.verdict.holders.map((h) => h.host))];
    // "(hb)": heartbeat's word only, no kernel confirms a resource script's floating IP.
    const owner = row.verdict.kind === 'unknown' ? '?' : holders.length === 0 ? 'none' : `${holders.join('+')}${row.resource ? '(hb)' : ''}`;
    const list = out.get(row.cluster) ?? [];
    if (!list.some((e) => e.vip === row.vip)) list.push({ vip: row.vip, owner, alarm: row.verdict.alarm });
    out.set(row.cluster, list);
  }
  return out;
}
