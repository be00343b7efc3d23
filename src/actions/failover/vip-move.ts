// `move VIP|INSTANCE --to LB`: finds the VIP's rows, the current owner (the kernels' word, then the daemons'),
// picks a method (keepalived-plan.ts, or hb_standby for heartbeat), predicts the new owner, checks the standby's
// HAProxy, and returns the plan with everything the preview shows. Refusals are part of the plan, never thrown.
import type { VipRow } from '../../model/failover-state.js';
import { holdsGroup } from '../../store/vip-rows.js';
import { findVipRows, nextPlanId, type FailoverContext, type MoveRequest } from './context.js';
import { chooseKeepalivedMethod, priorityTable, type MethodChoice } from './keepalived-plan.js';
import { precheckPeers } from './peers-check.js';
import { precheckStandby } from './precheck.js';
import type { FailoverPlan } from './types.js';

function owner(row: VipRow): string | null {
  const holders = [...new Set(row.verdict.holders.map((h) => h.host))];
  return holders.length === 1 ? holders[0]! : row.daemonOwner;
}

function heartbeatChoice(ctx: FailoverContext, row: VipRow, from: string, to: string): MethodChoice {
  const host = (lb: string) => ctx.config.lbs.find((l) => l.name === lb)?.failover?.heartbeat;
  const fromHb = host(from);
  const toHb = host(to);
  const reachable = ctx.hosts.find((h) => h.lb === from)?.heartbeat?.value?.status.running === true;
  // The holder gives its resources away (hb_standby); if its heartbeat cannot be read, the target takes them.
  const step = reachable && fromHb
    ? { kind: 'run' as const, lb: from, argv: [`${fromHb.toolsDir}/hb_standby`, 'all'], why: `${from} gives its resources to its peer` }
    : { kind: 'run' as const, lb: to, argv: [`${toHb!.toolsDir}/hb_takeover`, 'all'], why: `${to} takes every resource over` };
  return { method: step.argv[0]!.endsWith('hb_standby') ? 'hb-standby' : 'hb-takeover', steps: [step], diffs: [], after: {}, gone: [], owner: to, reason: `heartbeat hands the group to ${to}` };
}

export function planVipMove(ctx: FailoverContext, request: MoveRequest): FailoverPlan {
  const rows = findVipRows(ctx, request.target);
  const row = rows[0];
  const base = {
    preview: 'vrrp' as const, id: nextPlanId('vip'), kind: 'vip-move' as const, to: request.to, steps: [], diffs: [], table: [], notes: [], warnings: [],
    precheck: { ok: true, lines: [] as string[] }, predictedOwner: null, reason: '', watch: [] as string[],
    ...(request.targets ? { targets: request.targets } : {}),
  };
  if (!row) {
    const known = [...new Set(ctx.vips.flatMap((r) => [r.instance, r.vip]))].join(', ') || 'none read yet';
    return { ...base, title: `move ${request.target} to ${request.to}`, method: 'stop', vip: request.target, instance: request.target, cluster: null, confirmWord: request.target, from: null, refused: `no VIP or instance "${request.target}" (known: ${known})` };
  }
  const from = owner(row);
  const cluster = row.cluster;
  const lbs = Object.keys(row.perLb);
  const plan: FailoverPlan = {
    ...base,
    title: `move ${row.instance} (${rows.map((r) => r.vip).join(', ')}) from ${from ?? '?'} to ${request.to}`,
    method: 'stop', vip: row.vip, instance: row.instance, cluster, confirmWord: cluster ?? row.instance, from, refused: null, watch: lbs,
  };
  if (!lbs.includes(request.to)) plan.refused = `${request.to} does not run ${row.instance} (it runs on ${lbs.join(', ')})`;
  else if (row.verdict.alarm) plan.refused = `${row.verdict.message}: fix the alarm first, a move would hide it`;
  else if (from === request.to) plan.refused = `${row.vip} is already on ${request.to}`;
  else if (!from) plan.refused = `nobody holds ${row.vip} cleanly (${row.verdict.message})`;
  for (const lb of lbs) {
    const h = ctx.hosts.find((x) => x.lb === lb);
    const src = row.stack === 'keepalived' ? h?.keepalived : h?.heartbeat;
    if (src?.stale) plan.warnings.push(`${lb}: ${row.stack} data is stale (${src.error})`);
  }
  let choice: MethodChoice | null = null;
  if (!plan.refused && from) {
    if (row.stack === 'keepalived') {
      const chosen = chooseKeepalivedMethod(ctx, row, from, request.to, request.method);
      choice = chosen.choice;
      plan.notes = chosen.notes;
      if (!choice) plan.refused = `no method moves ${row.vip} to ${request.to}`;
      const others = ctx.vips.filter((r) => r.stack === 'keepalived' && r.instance !== row.instance && r.verdict.holders.some((x) => x.host === from));
      if (choice?.method === 'stop' && others.length) plan.warnings.push(`stopping keepalived on ${from} also moves: ${others.map((r) => `${r.vip} (${r.instance})`).join(', ')}`);
    } else {
      const reading = ctx.hosts.find((h) => h.lb === from)?.heartbeat?.value;
      if (reading && !holdsGroup(reading.node, reading.status.resources, row.instance)) plan.warnings.push(`${from}: heartbeat does not say it holds the group of ${row.instance}`);
      choice = heartbeatChoice(ctx, row, from, request.to);
    }
  }
  if (choice) {
    plan.method = choice.method;
    plan.steps = choice.steps;
    plan.diffs = choice.diffs;
    plan.predictedOwner = choice.owner;
    plan.reason = choice.reason;
  }
  plan.table = row.stack === 'keepalived'
    ? priorityTable(ctx, row, choice)
    : lbs.map((lb) => ({ lb, state: row.perLb[lb]?.state ?? '?', priorityNow: null, priorityAfter: null, predicted: lb === request.to ? 'holds' : 'standby' }));
  plan.precheck = precheckStandby(ctx.fleet, ctx.config.clusters.find((c) => c.name === cluster), request.to);
  plan.peers = precheckPeers(ctx.peers, [from, request.to]);
  if (!plan.peers.ok) plan.warnings.push(`stick tables not in sync between ${[from, request.to].filter(Boolean).join(' and ')} (Peers check): entries may be lost on ${request.to}; typing the word goes on knowingly`);
  if (!plan.refused && !plan.precheck.ok && !request.force) {
    plan.refused = `${request.to}'s HAProxy does not have every backend of ${cluster} UP (override: --force)`;
  }
  return plan;
}
