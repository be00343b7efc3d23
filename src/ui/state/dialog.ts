// The write flow as states: preview → sending → report (→ rolling back → report). Nothing is sent from
// `preview` except by the confirm transition, which only the preview dialog's own key handler can trigger.
import type { ApplyReport, Plan } from '../../actions/types.js';

export type DialogState =
  | { kind: 'preview'; plan: Plan; typed: string }
  | { kind: 'sending'; plan: Plan }
  | { kind: 'report'; report: ApplyReport }
  | { kind: 'rolling-back'; report: ApplyReport };

/** Whether the preview may be sent now: y, or the exact confirmation word when the plan asks for one. */
export function canConfirm(dialog: DialogState, how: { key: 'y' } | { word: string }): boolean {
  if (dialog.kind !== 'preview' || dialog.plan.commands.length === 0) return false;
  if (refusedForUnreachable(dialog.plan)) return false;
  const word = dialog.plan.confirmWord;
  if (word === undefined) return 'key' in how;
  return 'word' in how && how.word === word;
}

/** A plan with unreachable LBs in scope goes only once the operator chose to leave them out (`u`). */
export function refusedForUnreachable(plan: Plan): boolean {
  return (plan.unreachable ?? []).length > 0 && plan.skipUnreachable !== true;
}

export function summarize(report: ApplyReport): { text: string; level: 'ok' | 'error' } {
  const count = (status: string) => report.outcomes.filter((o) => o.status === status).length;
  if (report.ok && report.leftOut.length > 0) return { text: `${report.plan.title}: verified on ${count('verified')} LB(s); left out (unreachable): ${report.leftOut.join(', ')}`, level: 'error' };
  if (report.ok) return { text: `${report.plan.title}: verified on ${count('verified')} LB(s)`, level: 'ok' };
  const parts = [`${count('verified')} verified`, `${count('applied-unverified')} unverified`, `${count('failed')} failed`, `${count('unknown')} UNKNOWN`, `${count('skipped')} skipped`];
  const rollback = report.rollbackOffered.length > 0 ? ' — R rolls back' : '';
  return { text: `${report.plan.title}: ${parts.join(', ')}${rollback}`, level: 'error' };
}
