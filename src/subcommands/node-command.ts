// `lbtop node drain|maint|ready NAME`: the same planner and fan-out as the TUI's node drain. Poll every LB,
// print the plan (every LB/backend/server, sessions, exact commands), ask or take --yes, apply to all LBs in
// parallel, report per LB with a rollback offered on a partial failure, then optionally follow the drain.
import { applyPlanFanout, rollbackFanout } from '../actions/apply-fanout.js';
import { admit, type ApplyDeps } from '../actions/apply.js';
import { planNode, resolveRequest, wantsHostLookup, type NodeRequest, type NodeScope } from '../actions/node-plan.js';
import { clearNodeRecord, defaultNodeDir, readNodeRecord, saveNodeRecord } from '../actions/node-record.js';
import { drainTargets, formatProgress, waitForDrain } from '../actions/node-wait.js';
import type { Outcome } from '../actions/confirmation.js';
import type { ApplyReport } from '../actions/types.js';
import { outcomeText } from '../present/confirmation.js';
import { confirmRollback, confirmWrite } from './confirm-write.js';
import type { NodeInvocation } from '../cli/node-args.js';
import type { LbtopConfig } from '../model/config.js';
import type { FleetRuntime } from '../runtime/fleet-runtime.js';
import { buildFleet } from '../store/selectors.js';
import { lbGroupsOf } from './node-scope.js';
import { runSnapshotCommand } from './snapshot-command.js';
import { EXIT, exitCodeOf } from '../cli/exit-codes.js';
import { candidatesText } from './node-text.js';
import { resolveHost, type HostResolver } from '../transport/dns.js';
import type { Fleet } from '../model/fleet.js';
import type { BgpNodeReader } from '../runtime/bgp-nodes-runtime.js';
import { addressArgument } from '../store/nodes.js';
import { runNodesCommand } from './nodes-command.js';
import type { UserCommandRuntime } from '../runtime/user-command-runtime.js';
import { goOnPlan } from '../actions/node-hooks.js';
import { drainWithHooks, withHookLines } from './node-drain-hooks.js';

export interface NodeCommandIo {
  deps: ApplyDeps;
  out(text: string): void;
  err(text: string): void;
  confirm(question: string): Promise<boolean>;
  /** Where node records live (tests pass a temp dir). */
  nodeDir?: string;
  /** Resolves a hostname NODE (default: getaddrinfo on this machine). */
  resolveHost?: HostResolver;
  /** Reads BGP routes from BIRD on the LBs (Kubernetes nodes, `lbtop nodes`); none: NODE is never a BGP node. */
  bgp?: BgpNodeReader;
  /** The operator's commands, for the node-drain hooks (`on: {node-drain: …}`). */
  hooks?: UserCommandRuntime;
}

/** The request, with a hostname's addresses when no server carries NODE as a name or DNS name. */
export async function withResolved(fleet: Fleet, request: NodeRequest, scope: NodeScope, resolve: HostResolver): Promise<NodeRequest> {
  if (!wantsHostLookup(resolveRequest(fleet, request, scope), request)) return request;
  return { ...request, resolved: await resolve(request.node) };
}

export { lbGroupsOf };

export async function runNodeCommand(invocation: NodeInvocation, config: LbtopConfig, runtime: FleetRuntime, io: NodeCommandIo): Promise<number> {
  if (invocation.kind === 'snapshot') return runSnapshotCommand(invocation, config, runtime, io);
  if (invocation.kind === 'nodes') {
    if (!io.bgp) throw new Error('lbtop nodes needs the BGP reader');
    return runNodesCommand(invocation, config, runtime, io.bgp, io);
  }
  const dir = io.nodeDir ?? defaultNodeDir();
  await runtime.refresh();
  const fleet = buildFleet(config, runtime.store.getState().lbs);
  const scope = lbGroupsOf(config);
  // A NODE that is no address may name a Kubernetes node BIRD learns pod prefixes from: read them first.
  const bgp = io.bgp && io.bgp.lbs.length > 0 && addressArgument(invocation.node) === null ? await io.bgp.map(fleet) : null;
  const asked = { node: invocation.node, action: invocation.action, cluster: invocation.cluster, ...(bgp ? { bgp } : {}) };
  const request = await withResolved(fleet, asked, scope, io.resolveHost ?? resolveHost);
  const records = invocation.action === 'ready' ? (key: string) => readNodeRecord(dir, key) : null;
  const plan = withHookLines(planNode(fleet, request, scope, records), io.hooks);
  const ambiguous = candidatesText(plan, invocation.cluster);
  if (ambiguous !== null) {
    io.err(ambiguous);
    // Scripts get the machines to pick from, each with its servers, as data.
    if (invocation.json) io.out(`${JSON.stringify({ refused: 'several machines', node: invocation.node, candidates: plan.node!.candidates })}\n`);
    return EXIT.REFUSED;
  }
  const key = plan.node!.name;
  const send = () => {
    if (invocation.action !== 'ready') saveNodeRecord(dir, key, invocation.action, plan);
    return applyPlanFanout(plan, io.deps, { onOutcome: (o) => io.err(`  ${o.lb}: ${o.status}\n`) });
  };
  const outcome = (report: ApplyReport): Outcome => ({ kind: 'servers', report });
  // Nothing to send: a dry run that changes something says so (0); a node already in that state everywhere is done (0).
  const nothing = (invocation.dryRun ? plan.changes.length > 0 : plan.warnings.some((w) => w.includes('nothing to send'))) ? EXIT.OK : EXIT.FAILED;
  const sent = await confirmWrite(plan, { ...invocation, skipUnreachable: invocation.skipUnreachable === true }, io, {
    // Saved before sending (and after the write path admitted the plan): if lbtop dies mid-apply, `ready` still
    // knows where to go back to.
    send: () => (admit(plan, io.deps), drainWithHooks(plan, io.hooks, send)),
    outcome, nothing,
  });
  if (!sent.sent) return sent.code;
  let report = sent.result;
  if (report.held) {
    // A before-hook failed: nothing was sent. The same preview again, as the TUI shows it; --yes confirmed the
    // first one, not this: only a terminal y goes on.
    const goOn = goOnPlan(report);
    const again = await confirmWrite(goOn, { dryRun: false, yes: false, ask: !invocation.yes }, io, { send: () => drainWithHooks(goOn, io.hooks, send), outcome });
    if (!again.sent) {
      if (invocation.json) io.out(`${JSON.stringify({ held: true, hooks: report.hooks })}\n`);
      return EXIT.FAILED;
    }
    report = again.result;
  }
  if (report.rollbackOffered.length > 0 && (await confirmRollback(`roll back ${report.rollbackOffered.join(', ')}`, invocation, io))) {
    const undone = await rollbackFanout(report, io.deps);
    io.out(`${outcomeText(outcome(undone))}\n`);
  }
  if (invocation.action === 'ready' && report.ok) clearNodeRecord(dir, key);
  let drained = true;
  if (invocation.wait && invocation.action !== 'ready' && report.ok) {
    const last = await waitForDrain(io.deps.clients, drainTargets(plan), {
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
