// `lbtop drift`: what a reload would revert on each LB, as text or JSON. Exit 0: checked everywhere, no drift;
// 1: drift; 2: an LB could not be checked.
import { readDrift } from '../actions/drift-read.js';
import { driftJson, formatDrift } from '../actions/drift-text.js';
import type { MapsDeps } from '../actions/maps/deps.js';
import type { DriftInvocation } from '../cli/drift-args.js';

export async function runDriftCommand(deps: MapsDeps, inv: DriftInvocation, io: { out(text: string): void }): Promise<number> {
  const report = await readDrift(deps, inv.lbs);
  io.out(inv.json ? `${JSON.stringify(driftJson(report), null, 2)}\n` : `${formatDrift(report)}\n`);
  return report.lbs.some((l) => !l.checked) ? 2 : report.items.length > 0 ? 1 : 0;
}
