// Preview lines of a whole-LB move (every step's own preview, in the order they run) and the target line shared
// with the one-VIP preview: which LB the move goes to and, with several candidates, that Tab picks the next one.
import type { LbBatch } from '../../actions/failover/lb-batch.js';
import { plain, type Line } from '../components/ScrollText.js';
import { failoverPreviewLines } from './failover-lines.js';
import type { Retarget } from './failover-ui-state.js';

export function targetLine(to: string, retarget: Retarget | undefined): Line {
  const others = retarget && retarget.targets.length > 1 ? `   Tab: next target (${retarget.targets.join(', ')})` : '';
  return plain(`Target: ${to}${others}`, 'dialog.title');
}

export function batchPreviewLines(batch: LbBatch, retarget?: Retarget): Line[] {
  const lines: Line[] = [targetLine(batch.to, retarget)];
  if (batch.kind === 'lb-move') lines.push(plain(`${batch.plans.length} VRRP instance(s) / heartbeat group(s) held by ${batch.lb} alone; each step after the first is planned again just before it runs`, 'text.dim'));
  else lines.push(plain(`the moves undone in reverse order; each step after the first is planned again just before it runs`, 'text.dim'));
  for (const [i, plan] of batch.plans.entries()) lines.push([], plain(`Step ${i + 1}/${batch.plans.length}: ${plan.title}`, 'table.header'), ...failoverPreviewLines(plan));
  if (batch.refused) lines.push([], plain(`REFUSED: ${batch.refused}`, 'dialog.warning'));
  return lines;
}
