// Runs `vip status`, `vip move` and `bgp disable|enable` on the same plan/preview/apply code as the TUI. The
// composition root passes the runtimes, the audit log and how to ask the operator (a typed word, never y).
import { applyBgp, formatBgpPlan, planBgp, type BgpReport } from '../actions/failover/bgp.js';
import { applyFailover } from '../actions/failover/apply.js';
import type { FailoverContext } from '../actions/failover/context.js';
import { formatFailoverPlan, formatFailoverReport } from '../actions/failover/preview.js';
import type { FailoverPlan, FailoverReport } from '../actions/failover/types.js';
import { planVipMove } from '../actions/failover/vip-move.js';
import { planWayBack } from '../actions/failover/way-back.js';
import type { AuditLog } from '../actions/audit-log.js';
import type { FailoverInvocation } from '../cli/failover-args.js';
import type { LbtopConfig } from '../model/config.js';
import type { Fleet } from '../model/fleet.js';
import type { FailoverRuntime } from '../runtime/failover-runtime.js';
import { vipStatusJson, vipStatusText } from './vip-status.js';

export interface FailoverCommandDeps {
  config: LbtopConfig;
  failover: FailoverRuntime;
  /** Refreshes HAProxy and returns the fleet, for the standby pre-check. */
  fleet: () => Promise<Fleet | null>;
  audit: AuditLog;
  /** Asks the operator to type `word`; false when they did not (or stdin is no terminal). */
  askWord: (prompt: string, word: string) => Promise<boolean>;
  out: (text: string) => void;
  err: (text: string) => void;
}

async function context(deps: FailoverCommandDeps): Promise<FailoverContext> {
  const [fleet] = await Promise.all([deps.fleet(), deps.failover.refresh()]);
  const s = deps.failover.store.getState();
  return { config: deps.config, hosts: s.hosts, vips: s.vips, fleet };
}

async function confirmAndApply(plan: FailoverPlan, inv: { yes: boolean }, deps: FailoverCommandDeps): Promise<FailoverReport | null> {
  deps.out(`${formatFailoverPlan(plan)}\n`);
  if (plan.refused) return null;
  if (!inv.yes && !(await deps.askWord(`Type ${plan.confirmWord} to apply: `, plan.confirmWord))) {
    deps.out('Nothing changed.\n');
    return null;
  }
  const report = await applyFailover(plan, { runners: deps.failover.runners, files: deps.failover.files, audit: deps.audit, lbs: deps.config.lbs });
  deps.out(`${formatFailoverReport(report)}\n`);
  return report;
}

export async function runFailoverCommand(inv: FailoverInvocation, deps: FailoverCommandDeps): Promise<number> {
  if (deps.failover.lbs.length === 0) {
    deps.err('no LB declares keepalived:, heartbeat: or bird: in the config\n');
    return 2;
  }
  switch (inv.kind) {
    case 'vip-status': {
      await deps.failover.refresh();
      const state = deps.failover.store.getState();
      deps.out(inv.json ? `${JSON.stringify(vipStatusJson(state), null, 2)}\n` : `${vipStatusText(state)}\n`);
      return state.vips.some((r) => r.verdict.alarm) ? 1 : 0;
    }
    case 'vip-move': {
      const ctx = await context(deps);
      const plan = planVipMove(ctx, { target: inv.target, to: inv.to, force: inv.force, ...(inv.method ? { method: inv.method } : {}) });
      if (inv.dryRun) {
        deps.out(`${formatFailoverPlan(plan)}\n`);
        return plan.refused ? 1 : 0;
      }
      const report = await confirmAndApply(plan, inv, deps);
      if (!report) return 1;
      const reports = [report];
      if (report.undo.length && (inv.back || (!inv.yes && (await deps.askWord(`The way back: type ${plan.confirmWord} to take it now (Enter: not now): `, plan.confirmWord))))) {
        const back = planWayBack(report, await context(deps));
        const done = back ? await confirmAndApply(back, { yes: true }, deps) : null;
        if (done) reports.push(done);
      } else if (report.undo.length) {
        deps.out(`The way back later: lbtop vip move ${plan.instance} --to ${plan.from}\n`);
      }
      if (inv.json) deps.out(`${JSON.stringify(reports.map((r) => ({ title: r.plan.title, method: r.plan.method, ok: r.ok, moveMs: r.moveMs, holders: r.holders, detail: r.detail })))}\n`);
      return reports.every((r) => r.ok) ? 0 : 1;
    }
    case 'bgp': {
      const lb = deps.config.lbs.find((l) => l.name === inv.lb);
      const target = lb?.failover?.bird;
      const runner = deps.failover.runners.get(inv.lb);
      if (!target || !runner) {
        deps.err(`${inv.lb} declares no bird: in the config\n`);
        return 2;
      }
      await deps.failover.refresh([inv.lb]);
      const reading = deps.failover.store.host(inv.lb)?.bird?.value ?? null;
      const plan = planBgp(inv.lb, target, reading, inv.action, inv.protocol, inv.reason);
      deps.out(`${formatBgpPlan(plan)}\n`);
      if (plan.refused) return 1;
      if (inv.dryRun) return 0;
      if (!inv.yes && !(await deps.askWord(`Type ${plan.confirmWord} to apply: `, plan.confirmWord))) {
        deps.out('Nothing sent.\n');
        return 1;
      }
      const report: BgpReport = await applyBgp(plan, { runner, target, audit: deps.audit });
      const a = report.after;
      deps.out(`Result: ${report.ok ? 'done' : 'FAILED'}: ${report.detail}${a ? `; routes imported ${a.imported ?? '?'}, exported ${a.exported ?? '?'}` : ''}\n`);
      return report.ok ? 0 : 1;
    }
  }
}
