// `lbtop snapshot --out FILE` (and the TUI's snapshot key, through writeIncidentSnapshot): the whole current
// state, the fleet drift, the event timeline and this session's audit log, as JSON in FILE and as readable text
// in FILE.txt, for the post-mortem. Written atomically (temp + rename) so a half file never looks like a snapshot.
import type { NodeInvocation } from '../cli/node-args.js';
import type { LbtopConfig } from '../model/config.js';
import type { FleetRuntime } from '../runtime/fleet-runtime.js';
import { buildFleet } from '../store/selectors.js';
import { buildSnapshot, snapshotText, writeSnapshotFiles } from './snapshot.js';
import type { NodeCommandIo } from './node-command.js';

export async function runSnapshotCommand(
  invocation: Extract<NodeInvocation, { kind: 'snapshot' }>,
  config: LbtopConfig,
  runtime: FleetRuntime,
  io: Pick<NodeCommandIo, 'deps' | 'out' | 'err'>,
): Promise<number> {
  await runtime.refresh();
  const state = runtime.store.getState();
  const snapshot = buildSnapshot(buildFleet(config, state.lbs), state.events, io.deps.audit.records, new Date());
  const files = writeSnapshotFiles(invocation.out, snapshot, snapshotText(snapshot));
  io.out(`wrote ${files.json} and ${files.text}\n`);
  return snapshot.lbs.every((lb) => lb.ok) ? 0 : 1;
}
