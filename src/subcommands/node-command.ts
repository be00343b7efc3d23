// `lbtop node drain|maint|ready NAME`: the same planner and fan-out as the TUI's node drain. Poll every LB,
// print the plan (every LB/backend/server, sessions, exact commands), ask or take --yes, apply to all LBs in
// parallel, report per LB with a rollback offered on a partial failure, then optionally follow the drain.
import type { Outcome } from '../actions/confirmation.js';
import type { ApplyReport } from '../actions/types.js';
import { outcomeText } from '../present/confirmation.js';
import { confirmRollback, confirmWrite } from './confirm-write.js';
import type { NodeInvocation } from '../cli/node-args.js';
import type { LbtopConfig } from '../model/config.js';
import type { FleetRuntime } from '../runtime/fleet-runtime.js';
import type { NodeService } from '../runtime/node-service.js';
import { formatProgress } from '../actions/node-wait.js';
import { buildFleet } from '../store/selectors.js';
import { runSnapshotCommand } from './snapshot-command.js';
import { EXIT, exitCodeOf } from '../cli/exit-codes.js';
import { candidatesText } from './node-text.js';
import { runNodesCommand } from './nodes-command.js';
import { goOnPlan } from '../actions/node-hooks.js';

export interface NodeCommandIo {
  /** The TUI's node service (src/runtime/node-service.ts): planner, record, hooks, fan-out, follow, snapshot. */
  node: NodeService;
  out(text: string): void;
  err(text: string): void;
  confirm(question: string): Promise<boolean>;
}

export async function runNodeCommand(invocation: NodeInvocation, config: LbtopConfig, runtime: FleetRuntime, io: NodeCommandIo): Promise<number> {
  if (invocation.kind === 'snapshot') return runSnapshotCommand(invocation, runtime, io);
  const { node } = io;
  if (invocation.kind === 'nodes') {
    const bgp = node.bgp;
    if (!bgp?.map) throw new Error('lbtop nodes needs the BGP reader');
    return runNodesCommand(invocation, config, runtime, { lbs: bgp.lbs, read: () => bgp.read(), map: bgp.map }, io);
  }
  await runtime.refresh();
  const fleet = buildFleet(config, runtime.store.getState().lbs);
  const request = await node.request(fleet, { node: invocation.node, action: invocation.action, cluster: invocation.cluster });
  const plan = node.planNode(fleet, request);
  const ambiguous = candidatesText(plan, invocation.cluster);
  if (ambiguous !== null) {
    io.err(ambiguous);
    // Scripts get the machines to pick from, each with its servers, as data.
    if (invocation.json) io.out(`${JSON.stringify({ refused: 'several machines', node: invocation.node, candidates: plan.node!.candidates })}\n`);
    return EXIT.REFUSED;
  }
  const outcome = (report: ApplyReport): Outcome => ({ kind: 'servers', report });
  // Nothing to send: a dry run that changes something says so (0); a node already in that state everywhere is done (0).
  const nothing = (invocation.dryRun ? plan.changes.length > 0 : plan.warnings.some((w) => w.includes('nothing to send'))) ? EXIT.OK : EXIT.FAILED;
  // The record is saved before sending (after the write path admitted the plan); progress per LB as it lands.
  const send = (p: typeof plan) => node.applyNode(p, { follow: false, onOutcome: (o) => io.err(`  ${o.lb}: ${o.status}\n`) });
  const sent = await confirmWrite(plan, { ...invocation, skipUnreachable: invocation.skipUnreachable === true }, io, { send: () => send(plan), outcome, nothing });
  if (!sent.sent) return sent.code;
  let report = sent.result;
  if (report.held) {
    // A before-hook failed: nothing was sent. The same preview again, as the TUI shows it; --yes confirmed the
    // first one, not this: only a terminal y goes on.
    const goOn = goOnPlan(report);
    const again = await confirmWrite(goOn, { dryRun: false, yes: false, ask: !invocation.yes }, io, { send: () => send(goOn), outcome });
    if (!again.sent) {
      if (invocation.json) io.out(`${JSON.stringify({ held: true, hooks: report.hooks })}\n`);
      return EXIT.FAILED;
    }
    report = again.result;
  }
  if (report.rollbackOffered.length > 0 && (await confirmRollback(`roll back ${report.rollbackOffered.join(', ')}`, invocation, io))) {
    const undone = await node.rollback(report);
    io.out(`${outcomeText(outcome(undone))}\n`);
  }
  let drained = true;
  if (invocation.wait && invocation.action !== 'ready' && report.ok) {
    const last = await node.wait(plan, {
      timeoutMs: invocation.timeoutSec * 1000,
      onProgress: (p) => io.err(`${formatProgress(p)}\n`),
    });
    drained = last.done;
    io.out(drained ? `Drained: no sessions or queue left on ${invocation.node}.\n` : `Timeout after ${invocation.timeoutSec} s: ${last.left ?? '?'} session(s)/queued left.\n`);
  }
  if (invocation.json) io.out(`${JSON.stringify({ outcomes: report.outcomes, leftOut: report.leftOut, drained, ...(report.hooks ? { hooks: report.hooks } : {}) })}\n`);
  const code = exitCodeOf(report);
  return code === EXIT.OK && !drained ? EXIT.FAILED : code;
}
