// Planning a VIP move with keepalived. Methods, in the order lbtop prefers them when the config allows and the
// prediction says the VIP lands on the requested LB:
//   1. track-file: write a number into a vrrp_track_file the master's instance tracks (no reload, reversible);
//   2. priority: edit the master's `priority` in keepalived.conf, check with `keepalived -t`, reload;
//   3. stop: stop keepalived on the master (every VIP it holds moves).
// A standby with nopreempt (state BACKUP) never takes the VIP from a live master, however low its priority
// goes: only `stop` moves it then, and the preview says why.
import type { LbConfig } from '../../model/config.js';
import type { VipRow } from '../../model/failover-state.js';
import type { VrrpInstance } from '../../model/failover.js';
import { applyLineEdit, findPriorityLine, redactedDiff } from './conf-edit.js';
import { instanceOn, primaryIp, type FailoverContext } from './context.js';
import type { FailoverMethod, FailoverPlan, HostStep, PriorityRow } from './types.js';
import { clampPriority, predictOwner, type VrrpPeer } from './vrrp-predict.js';

export interface MethodChoice {
  method: FailoverMethod;
  steps: HostStep[];
  diffs: FailoverPlan['diffs'];
  /** Effective priority after the change, per LB. */
  after: Record<string, number>;
  gone: string[];
  owner: string | null;
  reason: string;
}

function peers(ctx: FailoverContext, row: VipRow, after: Record<string, number>, gone: string[]): VrrpPeer[] {
  return Object.keys(row.perLb).flatMap((lb) => {
    const inst = instanceOn(ctx, lb, row.instance);
    if (!inst) return [];
    const conf = ctx.hosts.find((h) => h.lb === lb)?.keepalived?.value?.config?.instances.find((i) => i.name === row.instance);
    // keepalived ignores nopreempt unless the initial state is BACKUP.
    const nopreempt = conf ? conf.nopreempt && conf.initialState !== 'MASTER' : inst.nopreempt;
    return [{
      lb,
      state: gone.includes(lb) ? 'GONE' : inst.state,
      priority: after[lb] ?? inst.effectivePriority,
      nopreempt,
      primaryIp: primaryIp(ctx, lb, inst),
    }];
  });
}

function trackFileMethod(ctx: FailoverContext, row: VipRow, master: string, inst: VrrpInstance): MethodChoice | string {
  const reading = ctx.hosts.find((h) => h.lb === master)?.keepalived?.value;
  const tf = inst.trackFiles.find((t) => t.weight !== 0);
  if (!tf) return 'track-file: the master instance tracks no file with a weight';
  if (inst.configuredPriority === 255) return 'track-file: priority 255 ignores track weights';
  const file = reading?.config?.trackFiles.find((f) => f.name === tf.name)?.file;
  if (!file) return `track-file: vrrp_track_file ${tf.name} has no file path in keepalived.conf`;
  const current = (tf.value ?? 0) * tf.weight;
  const base = inst.effectivePriority - current;
  const direction = tf.weight < 0 ? 1 : -1;
  for (let value = direction; Math.abs(value) <= 254; value += direction) {
    const priority = clampPriority(0, base + value * tf.weight);
    if (base + value * tf.weight < 1) break; // keepalived would put the instance in FAULT: not a clean move
    const after = { [master]: priority };
    const p = predictOwner(peers(ctx, row, after, []));
    if (p.owner !== master) {
      const before = tf.value === null ? '?' : String(tf.value);
      return {
        method: 'track-file', after, gone: [], owner: p.owner, reason: p.reason,
        steps: [{ kind: 'write-track-file', lb: master, path: file, text: `${value}\n`, why: `track file ${tf.name} (weight ${tf.weight}): ${before} → ${value}` }],
        diffs: [{ lb: master, path: file, diff: `--- ${file}\n+++ ${file}\n-${before}\n+${value}` }],
      };
    }
    if (p.reason.includes('nopreempt')) return `track-file: ${p.reason}`;
  }
  return 'track-file: no value of the track file lets another LB take over';
}

function priorityMethod(ctx: FailoverContext, row: VipRow, master: string, inst: VrrpInstance, lbConf: LbConfig): MethodChoice | string {
  const reading = ctx.hosts.find((h) => h.lb === master)?.keepalived?.value;
  const conf = reading?.config?.instances.find((i) => i.name === inst.name);
  if (!reading?.confText || !conf) return `priority: keepalived.conf of ${master} not read (${reading?.confError ?? 'no reading'})`;
  const weights = inst.configuredPriority === 255 ? 0 : inst.effectivePriority - inst.configuredPriority;
  const target = Math.max(...Object.keys(row.perLb).filter((lb) => lb !== master).map((lb) => instanceOn(ctx, lb, inst.name)?.effectivePriority ?? 0));
  const base = Math.max(1, Math.min(254, target - 1 - weights));
  const after = { [master]: clampPriority(base, weights) };
  const p = predictOwner(peers(ctx, row, after, []));
  if (p.owner === master) return `priority: ${p.reason}`;
  const at = findPriorityLine(reading.confText, conf.line);
  const newLine = `${at.indent}priority ${base}`;
  const path = lbConf.failover!.keepalived!.conf;
  const edited = applyLineEdit(reading.confText, at.line, newLine, at.insert);
  const reload = lbConf.failover!.keepalived!.reload ?? ['kill', '-HUP', String(reading.pid)];
  return {
    method: 'priority', after, gone: [], owner: p.owner, reason: p.reason,
    steps: [
      { kind: 'edit-conf', lb: master, path, base: reading.confText, line: at.line, newLine, insert: at.insert, why: `${inst.name}: priority ${conf.priority} → ${base} (checked with keepalived -t first)` },
      { kind: 'run', lb: master, argv: reload, why: 'reload keepalived' },
    ],
    diffs: [{ lb: master, path, diff: redactedDiff(path, reading.confText, edited) }],
  };
}

function stopMethod(ctx: FailoverContext, row: VipRow, master: string, lbConf: LbConfig): MethodChoice | string {
  const reading = ctx.hosts.find((h) => h.lb === master)?.keepalived?.value;
  const argv = lbConf.failover!.keepalived!.stop ?? (reading ? ['kill', '-TERM', String(reading.pid)] : null);
  if (!argv) return `stop: keepalived's pid on ${master} is not known`;
  const p = predictOwner(peers(ctx, row, {}, [master]));
  return { method: 'stop', after: {}, gone: [master], owner: p.owner, reason: p.reason, steps: [{ kind: 'run', lb: master, argv, why: `stop keepalived on ${master}: every VIP it holds moves` }], diffs: [] };
}

/** The first method whose prediction puts the VIP on `to`, and the reasons the others were passed over. */
export function chooseKeepalivedMethod(ctx: FailoverContext, row: VipRow, master: string, to: string, only?: string): { choice: MethodChoice | null; notes: string[] } {
  const inst = instanceOn(ctx, master, row.instance);
  const lbConf = ctx.config.lbs.find((l) => l.name === master);
  const notes: string[] = [];
  if (!inst || !lbConf?.failover?.keepalived) return { choice: null, notes: [`${master}: keepalived not read`] };
  const methods = [
    ['track-file', () => trackFileMethod(ctx, row, master, inst)],
    ['priority', () => priorityMethod(ctx, row, master, inst, lbConf)],
    ['stop', () => stopMethod(ctx, row, master, lbConf)],
  ] as const;
  for (const [name, build] of methods) {
    if (only && only !== name) continue;
    const c = build();
    if (typeof c === 'string') notes.push(c);
    else if (c.owner !== to) notes.push(`${name}: the VIP would go to ${c.owner ?? 'nobody'}, not ${to} (${c.reason})`);
    else return { choice: c, notes };
  }
  return { choice: null, notes };
}

export function priorityTable(ctx: FailoverContext, row: VipRow, choice: MethodChoice | null): PriorityRow[] {
  return Object.keys(row.perLb).map((lb) => {
    const inst = instanceOn(ctx, lb, row.instance);
    const gone = choice?.gone.includes(lb) ?? false;
    const after = choice?.after[lb] ?? inst?.effectivePriority ?? null;
    return {
      lb,
      state: row.perLb[lb]?.state ?? '?',
      priorityNow: inst?.effectivePriority ?? null,
      priorityAfter: gone ? null : after,
      predicted: gone ? 'STOPPED' : choice?.owner === lb ? 'MASTER' : 'BACKUP',
    };
  });
}
