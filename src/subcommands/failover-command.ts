// Runs `vip status`, `vip move` and `bgp disable|enable` on the same plan/preview/apply code as the TUI. The
// composition root passes the runtimes, the audit log and how to ask the operator (a typed word, never y); the
// preview and the asking are the one confirmation of every write subcommand (confirm-write.ts).
import { EXIT } from '../cli/exit-codes.js';
import { applyBgp, planBgp } from '../actions/failover/bgp.js';
import { applyFailover } from '../actions/failover/apply.js';
import type { FailoverContext } from '../actions/failover/context.js';
import type { AuditLog } from '../actions/audit-log.js';
import type { FailoverInvocation } from '../cli/failover-args.js';
import type { LbtopConfig } from '../model/config.js';
import type { PeersReading } from '../model/tables.js';
import type { Fleet } from '../model/fleet.js';
import type { FailoverRuntime } from '../runtime/failover-runtime.js';
import { vipStatusJson, vipStatusText } from './vip-status.js';
import { runVipMove } from './vip-move-command.js';
import { confirmWrite } from './confirm-write.js';

export interface FailoverCommandDeps {
  config: LbtopConfig;
  failover: FailoverRuntime;
  /** Refreshes HAProxy and returns the fleet, for the standby pre-check. */
  fleet: () => Promise<Fleet | null>;
  audit: AuditLog;
  /** `show peers` of the failover LBs, for the peers check of a VIP move (absent: not checked). */
  peers?: () => Promise<PeersReading[]>;
  /** Asks the operator to type `word`; false when they did not (or stdin is no terminal). */
  askWord: (prompt: string, word: string) => Promise<boolean>;
  out: (text: string) => void;
  err: (text: string) => void;
}

async function context(deps: FailoverCommandDeps): Promise<FailoverContext> {
  const [fleet, peers] = await Promise.all([deps.fleet(), deps.peers?.(), deps.failover.refresh()]);
  const s = deps.failover.store.getState();
  return { config: deps.config, hosts: s.hosts, vips: s.vips, fleet, ...(peers ? { peers } : {}) };
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
      // 1: an alarm, or a source that could not be read (a VIP lbtop cannot see is not a VIP known to be fine).
      const unread = state.hosts.some((h) => (['keepalived', 'heartbeat', 'bird', 'addresses'] as const).some((k) => h[k]?.error));
      return state.vips.some((r) => r.verdict.alarm) || unread ? 1 : 0;
    }
    case 'vip-move':
      return runVipMove(inv, {
        context: () => context(deps),
        apply: (plan) => applyFailover(plan, { runners: deps.failover.runners, files: deps.failover.files, audit: deps.audit, lbs: deps.config.lbs }),
        askWord: deps.askWord,
        out: deps.out,
        err: deps.err,
        isLb: (name) => deps.failover.lbs.some((lb) => lb.name === name),
      });
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
      const sent = await confirmWrite(plan, inv, deps, { send: () => applyBgp(plan, { runner, target, audit: deps.audit }), outcome: (report) => ({ kind: 'bgp', report }) });
      if (!sent.sent) return sent.code;
      const report = sent.result;
      return report.unknown ? EXIT.UNKNOWN : report.ok ? EXIT.OK : EXIT.FAILED;
    }
  }
}
