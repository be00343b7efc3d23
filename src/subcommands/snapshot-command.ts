// `lbtop snapshot --out FILE` (and the TUI's snapshot key, through writeIncidentSnapshot): the whole current
// state, the fleet drift, the event timeline and this session's audit log, as JSON in FILE and as readable text
// in FILE.txt, for the post-mortem. Written atomically (temp + rename) so a half file never looks like a snapshot.
import type { NodeInvocation } from '../cli/node-args.js';
import type { FleetRuntime } from '../runtime/fleet-runtime.js';
import type { NodeCommandIo } from './node-command.js';

export async function runSnapshotCommand(
  invocation: Extract<NodeInvocation, { kind: 'snapshot' }>,
  runtime: Pick<FleetRuntime, 'refresh'>,
  io: Pick<NodeCommandIo, 'node' | 'out' | 'err'>,
): Promise<number> {
  await runtime.refresh();
  const files = await io.node.snapshot(invocation.out);
  io.out(`wrote ${files.json} and ${files.text}\n`);
  return files.ok ? 0 : 1;
}
