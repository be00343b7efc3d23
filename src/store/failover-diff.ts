// State changes between two failover readings of one LB, and between two sets of VIP rows, as timeline events.
import type { TimelineEvent } from '../model/events.js';
import type { HostFailoverState, VipRow } from '../model/failover-state.js';

export function hostEvents(at: number, before: HostFailoverState, after: HostFailoverState): TimelineEvent[] {
  const lb = after.lb;
  const events: TimelineEvent[] = [];
  const ka0 = before.keepalived?.value;
  const ka1 = after.keepalived?.value;
  if (ka0 && ka1) {
    for (const inst of ka1.runtime.instances) {
      const old = ka0.runtime.instances.find((i) => i.name === inst.name);
      if (old && old.state !== inst.state) {
        events.push({ at, lb, kind: 'vrrp', subject: inst.name, from: old.state, to: inst.state, detail: `priority ${inst.effectivePriority}` });
      } else if (old && old.effectivePriority !== inst.effectivePriority) {
        events.push({ at, lb, kind: 'vrrp', subject: inst.name, from: `prio ${old.effectivePriority}`, to: `prio ${inst.effectivePriority}` });
      }
    }
  }
  if (ka0 && ka1 && ka0.pid !== ka1.pid) events.push({ at, lb, kind: 'vrrp', subject: 'keepalived', from: `pid ${ka0.pid}`, to: `pid ${ka1.pid}`, detail: 'restarted' });
  if (before.keepalived?.error === null && after.keepalived?.error) {
    events.push({ at, lb, kind: 'vrrp', subject: 'keepalived', from: 'read', to: 'unreadable', detail: after.keepalived.error });
  }
  const hb0 = before.heartbeat?.value?.status;
  const hb1 = after.heartbeat?.value?.status;
  if (hb0 && hb1) {
    if (hb0.running !== hb1.running) events.push({ at, lb, kind: 'heartbeat', subject: 'heartbeat', from: hb0.running ? 'running' : 'stopped', to: hb1.running ? 'running' : 'stopped' });
    if (hb0.resources !== hb1.resources) events.push({ at, lb, kind: 'heartbeat', subject: 'resources', from: String(hb0.resources), to: String(hb1.resources) });
    for (const node of hb1.nodes) {
      const a = hb0.nodeStatus[node];
      const b = hb1.nodeStatus[node];
      if (a !== undefined && a !== b) events.push({ at, lb, kind: 'heartbeat', subject: `node ${node}`, from: String(a), to: String(b) });
    }
  }
  const bd0 = before.bird?.value;
  const bd1 = after.bird?.value;
  if (bd0 && bd1) {
    for (const p of bd1.protocols) {
      const old = bd0.protocols.find((o) => o.name === p.name);
      if (old && (old.state !== p.state || old.info !== p.info)) {
        events.push({ at, lb, kind: 'bgp', subject: p.name, from: `${old.state} ${old.info}`.trim(), to: `${p.state} ${p.info}`.trim() });
      }
    }
  }
  return events;
}

const holders = (row: VipRow) => {
  if (row.verdict.kind === 'unknown') return '?';
  const names = [...new Set(row.verdict.holders.map((h) => h.host))];
  return names.length ? names.join('+') : 'nobody';
};

/** A VIP moving, or becoming split/missing, is what the operator must see first: one event per change. */
export function vipEvents(at: number, before: readonly VipRow[], after: readonly VipRow[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const row of after) {
    const old = before.find((r) => r.vip === row.vip && r.instance === row.instance);
    // Unknown on either side is a host not (yet) read, not a move: startup and a flapping link stay quiet.
    if (!old || row.verdict.kind === 'unknown' || old.verdict.kind === 'unknown') continue;
    const from = holders(old);
    const to = holders(row);
    if (from !== to || old.verdict.kind !== row.verdict.kind) {
      const lb = row.verdict.holders[0]?.host ?? Object.keys(row.perLb)[0] ?? '';
      events.push({ at, lb, kind: 'vip', subject: `${row.vip} (${row.instance})`, from, to, detail: `${row.verdict.alarm ? 'ALARM: ' : ''}${row.verdict.message}` });
    }
  }
  return events;
}
