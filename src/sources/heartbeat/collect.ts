// Reads heartbeat (v1, haresources mode) on one host through a CommandRunner: cl_status for the daemon's view
// (running, nodes and their status, which resources this node holds) and the haresources file for who prefers what.
// `cl_status hbstatus` exits 1 when heartbeat is stopped: that is an answer (running: false), not a failure.
import type { HeartbeatTarget } from '../../model/failover-config.js';
import type { HeartbeatReading } from '../../model/failover-state.js';
import type { HeartbeatNodeStatus, HeartbeatStatus } from '../../model/failover.js';
import type { CommandRunner } from '../../transport/exec.js';
import { CommandFailedError, runOk } from '../runner-check.js';
import { clStatusArgv, parseHbStatus, parseListNodes, parseNodeStatus, parseRscStatus } from './cl-status.js';
import { parseHaresources } from './haresources.js';

export const haresourcesPath = (target: HeartbeatTarget) => `${target.haD.replace(/\/$/, '')}/haresources`;

export async function collectHeartbeat(runner: CommandRunner, target: HeartbeatTarget): Promise<HeartbeatReading> {
  const hb = await runner.run(clStatusArgv.hbstatus());
  if (hb.code !== 0 && hb.code !== 1) throw new CommandFailedError(runner.label, clStatusArgv.hbstatus(), hb, 'is heartbeat installed?');
  const running = parseHbStatus(hb.stdout);
  const status: HeartbeatStatus = { running, nodes: [], nodeStatus: {}, resources: null };
  if (running) {
    status.nodes = parseListNodes(await runOk(runner, clStatusArgv.listnodes()));
    for (const node of status.nodes) {
      // exit 11 with "Error. May be due to incorrect node name": parseNodeStatus turns it into null.
      const r = await runner.run(clStatusArgv.nodestatus(node));
      status.nodeStatus[node] = parseNodeStatus(r.stdout || r.stderr) as HeartbeatNodeStatus | null;
    }
    status.resources = parseRscStatus(await runOk(runner, clStatusArgv.rscstatus()));
  }
  let groups: HeartbeatReading['groups'] = [];
  let haresourcesError: string | null = null;
  try {
    groups = parseHaresources(await runOk(runner, ['cat', haresourcesPath(target)]));
  } catch (error) {
    haresourcesError = error instanceof Error ? error.message : String(error);
  }
  return { status, node: target.node, groups, haresourcesError };
}
