// A runtime-API plan (server, node, sessions, table actions, user commands, undo) as a write of the one dialog:
// sent by AppServices.apply, its report offers the rollback of the LBs left half-changed.
import { goOnPlan } from '../../actions/node-hooks.js';
import type { ApplyReport, Plan } from '../../actions/types.js';
import { resultLine } from '../../actions/user-command.js';
import type { AppServices } from '../services.js';
import type { Next, Write } from '../state/write-dialog.js';

export function summarize(report: ApplyReport): { text: string; level: 'ok' | 'error' } {
  const count = (status: string) => report.outcomes.filter((o) => o.status === status).length;
  if (report.ok && report.leftOut.length > 0) return { text: `${report.plan.title}: verified on ${count('verified')} LB(s); left out (unreachable): ${report.leftOut.join(', ')}`, level: 'error' };
  if (report.ok) return { text: `${report.plan.title}: verified on ${count('verified')} LB(s)`, level: 'ok' };
  const parts = [`${count('verified')} verified`, `${count('applied-unverified')} unverified`, `${count('failed')} failed`, `${count('unknown')} UNKNOWN`, `${count('skipped')} skipped`];
  const rollback = report.rollbackOffered.length > 0 ? ' — R rolls back' : '';
  return { text: `${report.plan.title}: ${parts.join(', ')}${rollback}`, level: 'error' };
}

function after(report: ApplyReport, services: AppServices, onUserRun?: () => void): Next {
  if (report.held) {
    // A node-drain before-hook failed and nothing was sent: the same preview again, saying so; y goes on.
    return { show: 'preview', write: serversWrite(goOnPlan(report), services, onUserRun), flash: [`${report.plan.title}: a before-hook failed, nothing sent — y sends anyway, Esc sends nothing`, 'error'] };
  }
  if (report.plan.kind === 'user-command' && report.hooks?.[0]) return { show: 'nothing', flash: [resultLine(report.hooks[0]), report.ok ? 'ok' : 'error'], after: onUserRun };
  const s = summarize(report);
  const offered = report.rollbackOffered;
  const rollback = offered.length > 0
    ? { label: `roll back ${offered.join(', ')}`, busy: 'rolling back…', run: () => services.rollback(report).then((r) => after(r, services, onUserRun)) }
    : undefined;
  return { show: 'outcome', outcome: { kind: 'servers', report }, rollback, flash: [s.text, s.level] };
}

export function serversWrite(plan: Plan, services: AppServices, onUserRun?: () => void): Write {
  return {
    preview: plan,
    send: () => services.apply(plan).then((report) => after(report, services, onUserRun)),
    ...((plan.unreachable ?? []).length > 0 && !plan.skipUnreachable ? { skipUnreachable: () => serversWrite({ ...plan, skipUnreachable: true }, services, onUserRun) } : {}),
  };
}
