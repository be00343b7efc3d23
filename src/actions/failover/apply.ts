// Applies a confirmed failover plan: runs its steps in order (stopping at the first failure), then watches every
// LB's `ip -j addr` until the VIP is on the predicted owner alone and times it, verifies with the daemon, and
// returns the report with the steps that undo it (the way back).
import { CommandTimeoutError, LbtopError } from '../../model/errors.js';
import { collectHeartbeat } from '../../sources/heartbeat/collect.js';
import { collectKeepalived } from '../../sources/keepalived/collect.js';
import { collectAddresses } from '../../sources/netlink/collect.js';
import { checkVip } from '../../sources/netlink/vip-truth.js';
import { holdsGroup } from '../../store/vip-rows.js';
import { refuseIfReadOnly } from '../write-path.js';
import { recordOtherPlan } from '../audit-plan.js';
import { describeStep, runStep, type StepDeps } from './steps.js';
import type { FailoverPlan, FailoverReport, HostStep, StepOutcome } from './types.js';

export interface ApplyFailoverDeps extends StepDeps {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** How long the VIP gets to move. VRRP with advert_int 1 takes 1 to 4 s; heartbeat a few seconds more. */
  watchTimeoutMs?: number;
}

/** What history says of undoing a failover (undo-plan.ts gives the same reason for logs without this record). */
const FAILOVER_UNDO = 'undo not offered for a failover: moving the VIP back is another failover, with its own pre-checks (VRRP priorities, peers in sync, BGP sessions); run it as one (lbtop vip move)';

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function holdersNow(plan: FailoverPlan, deps: ApplyFailoverDeps): Promise<string[] | null> {
  const hosts: Record<string, Awaited<ReturnType<typeof collectAddresses>> | null> = {};
  await Promise.all(plan.watch.map(async (lb) => {
    const runner = deps.runners.get(lb);
    hosts[lb] = runner ? await collectAddresses(runner).catch(() => null) : null;
  }));
  const v = checkVip(plan.vip, hosts);
  return v.kind === 'unknown' ? null : [...new Set(v.holders.map((h) => h.host))];
}

async function daemonAgrees(plan: FailoverPlan, deps: ApplyFailoverDeps): Promise<string> {
  const lb = deps.lbs.find((l) => l.name === plan.to);
  const runner = deps.runners.get(plan.to);
  if (!lb?.failover || !runner) return 'not checked';
  try {
    if (lb.failover.keepalived) {
      const r = await collectKeepalived(runner, lb.failover.keepalived);
      return r.runtime.instances.find((i) => i.name === plan.instance)?.state ?? 'instance not found';
    }
    if (lb.failover.heartbeat) {
      const r = await collectHeartbeat(runner, lb.failover.heartbeat);
      return holdsGroup(r.node, r.status.resources, plan.instance) ? 'MASTER' : `resources ${r.status.resources}`;
    }
  } catch (error) {
    return `unreadable: ${error instanceof Error ? error.message : String(error)}`;
  }
  return 'not checked';
}

/**
 * heartbeat answers `rscstatus` with "transition" while its resources move, for a moment after the address is
 * already on the new holder: that is not an answer yet, so it is asked again until it settles (or the watch's
 * deadline passes, and the report says what it last said).
 */
async function daemonSettled(plan: FailoverPlan, deps: ApplyFailoverDeps, deadline: number, sleep: (ms: number) => Promise<void>, now: () => number): Promise<string> {
  for (;;) {
    const said = await daemonAgrees(plan, deps);
    if (said !== 'resources transition' || now() > deadline) return said;
    await sleep(200);
  }
}

/** Undo steps in reverse order of what they undo, with keepalived reloads last (after the files are back). */
function orderUndo(undos: HostStep[][]): HostStep[] {
  const all = undos.reverse().flat();
  const reload = (s: HostStep) => s.kind === 'run' && s.why === 'reload keepalived';
  return [...all.filter((s) => !reload(s)), ...all.filter(reload)];
}

export async function applyFailover(plan: FailoverPlan, deps: ApplyFailoverDeps): Promise<FailoverReport> {
  if (plan.refused) throw new LbtopError(`refused: ${plan.refused}`);
  refuseIfReadOnly(plan.title, ...plan.steps.flatMap((s) => [deps.runners.get(s.lb), deps.files.get(s.lb)]));
  recordOtherPlan(deps.audit, { id: plan.id, title: plan.title, kind: 'failover', lbs: [...new Set(plan.steps.map((s) => s.lb))], steps: plan.steps.map((s) => ({ lb: s.lb, command: describeStep(s) })), undoNote: FAILOVER_UNDO });
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const steps: StepOutcome[] = [];
  const undos: HostStep[][] = [];
  const started = now();
  for (const step of plan.steps) {
    try {
      const r = await runStep(step, deps, plan.id);
      steps.push({ step, ok: true, output: r.output });
      undos.push(r.undo);
    } catch (error) {
      steps.push({ step, ok: false, output: error instanceof Error ? error.message : String(error) });
      const undo = orderUndo(undos);
      const holders = (await holdersNow(plan, deps)) ?? [];
      // A step that timed out may have done its work: UNKNOWN, with where the kernels say the VIP is now.
      const unknown = error instanceof CommandTimeoutError;
      const head = unknown ? `OUTCOME UNKNOWN: a step did not finish in time and may have run; the VIP is on ${holders.join(' and ') || 'no LB'} now` : 'stopped at the failed step';
      return { plan, steps, ok: false, moveMs: null, holders, verified: false, unknown, detail: `${head}${undo.length ? '; the way back undoes what was done' : ''}`, undo };
    }
  }
  const want = plan.predictedOwner ?? plan.to;
  const deadline = started + (deps.watchTimeoutMs ?? 20_000);
  let holders: string[] = [];
  let moveMs: number | null = null;
  for (;;) {
    holders = (await holdersNow(plan, deps)) ?? holders;
    if (holders.length === 1 && holders[0] === want) {
      moveMs = now() - started;
      break;
    }
    if (now() > deadline) break;
    await sleep(100);
  }
  const daemon = moveMs === null ? 'not checked' : await daemonSettled(plan, deps, deadline, sleep, now);
  const verified = moveMs !== null && daemon === 'MASTER';
  const where = holders.length ? holders.join(' and ') : 'no LB';
  const detail = moveMs === null
    ? `the VIP did not move to ${want} within ${Math.round((deps.watchTimeoutMs ?? 20_000) / 1000)} s: it is on ${where}`
    : `${plan.vip} is on ${want} after ${moveMs} ms; ${plan.to} says ${daemon}`;
  return { plan, steps, ok: verified, moveMs, holders, verified, detail, undo: orderUndo(undos) };
}
