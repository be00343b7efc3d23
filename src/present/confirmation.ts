// The one rendering of a write's preview and of its outcome (src/actions/confirmation.ts), whatever planned it:
// the write dialog draws these lines, and each subcommand prints the same ones.
import { blockedWhy, confirmOf, outcomeOk, outcomeTitle, previewTitle, type Outcome, type Preview } from '../actions/confirmation.js';
import { applyReportLines } from './apply-report.js';
import { batchPlanLines, bgpPlanLines, failoverPlanLines, targetLine } from './failover-preview.js';
import { bgpReportLines, failoverReportLines } from './failover-report.js';
import { plain, titledText, type Line } from './line.js';
import { configEditPlanLines, configEditReportLines, mapsPlanLines, mapsReportLines } from './maps-preview.js';
import { planPreviewLines } from './plan-preview.js';

export function previewLines(p: Preview): Line[] {
  switch (p.preview) {
    case 'servers': return planPreviewLines(p);
    case 'entries': return mapsPlanLines(p);
    case 'file': return configEditPlanLines(p);
    case 'vrrp': return [targetLine(p.to, p.targets), ...failoverPlanLines(p)];
    case 'vrrp-batch': return batchPlanLines(p, p.request.targets);
    case 'bgp': return bgpPlanLines(p);
  }
}

export function outcomeLines(o: Outcome): Line[] {
  switch (o.kind) {
    case 'servers': return applyReportLines(o.report);
    case 'entries': return mapsReportLines(o.report);
    case 'file': return configEditReportLines(o.outcome);
    case 'vrrp': return failoverReportLines(o.report);
    case 'vrrp-batch': return [...o.reports.flatMap((r) => [plain(`Result: ${r.plan.title}`), ...failoverReportLines(r)]), ...o.notes.map((n) => plain(n))];
    case 'bgp': return bgpReportLines(o.report);
  }
}

/** The dialog's first line over a preview: nothing has happened yet (a move changes hosts, the rest sends). */
export function previewHeading(p: Preview): string {
  return `PREVIEW: ${previewTitle(p)} — nothing has been ${p.preview === 'vrrp' || p.preview === 'vrrp-batch' ? 'changed' : 'sent'}`;
}

/** The dialog's first line over an outcome. */
export const outcomeHeading = (o: Outcome): string => `${outcomeOk(o) ? 'DONE' : 'PROBLEM'}: ${outcomeTitle(o)}`;

/**
 * The CLI's print of a preview (`--dry-run`, before the terminal's answer): a title line, the dialog's lines, and
 * the word to type when one is asked (a refused plan has none).
 */
export function previewText(p: Preview): string {
  const confirm = confirmOf(p);
  const typing = confirm.by === 'word' && !blockedWhy(p) ? `\n\nConfirm by typing: ${confirm.word}` : '';
  return titledText(`Plan: ${previewTitle(p)}`, previewLines(p)) + typing;
}

/** The CLI's print of an outcome: a title line, then the dialog's lines. */
export const outcomeText = (o: Outcome): string => titledText(`Result: ${outcomeTitle(o)}`, outcomeLines(o));
