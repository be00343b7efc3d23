// Sends a confirmed undo (undo-plan.ts), for `lbtop undo` and the HISTORY view alike: the undo of a node action goes
// to every LB at once, as the node action did, and a verified undo of a node drain removes the node's record
// (node-record.ts), as `node ready` does, so a later `ready` does not restore what the undo already restored.
import { applyPlanFanout } from './apply-fanout.js';
import { applyPlan, type ApplyDeps } from './apply.js';
import { clearNodeRecord, defaultNodeDir } from './node-record.js';
import type { ApplyReport, Plan } from './types.js';

export async function applyUndo(plan: Plan, deps: ApplyDeps, nodeDir: string = defaultNodeDir()): Promise<ApplyReport> {
  const report = plan.fanout ? await applyPlanFanout(plan, deps) : await applyPlan(plan, deps);
  if (report.ok && plan.clearsNodeRecord !== undefined) clearNodeRecord(nodeDir, plan.clearsNodeRecord);
  return report;
}
