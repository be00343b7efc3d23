// `cl_status` replies (heartbeat 3.0.6): one word or a few lines each, but the words decide who holds the VIPs,
// so anything unexpected is a ParseError rather than a guess. Recorded in fixtures/heartbeat/.
import { ParseError } from '../../model/errors.js';
import type { HeartbeatNodeStatus, HeartbeatResourceStatus } from '../../model/failover.js';

const NODE_STATUSES: readonly HeartbeatNodeStatus[] = ['active', 'up', 'init', 'dead', 'ping'];
const RESOURCE_STATUSES: readonly HeartbeatResourceStatus[] = ['none', 'local', 'foreign', 'all', 'transition'];
/** What cl_status prints (exit 11) for a node name heartbeat does not know. */
const UNKNOWN_NODE = /^Error\. May be due to incorrect node name/;

export const clStatusArgv = {
  hbstatus: (): string[] => ['cl_status', 'hbstatus'],
  listnodes: (): string[] => ['cl_status', 'listnodes'],
  nodestatus: (node: string): string[] => ['cl_status', 'nodestatus', node],
  rscstatus: (): string[] => ['cl_status', 'rscstatus'],
  listhblinks: (node: string): string[] => ['cl_status', 'listhblinks', node],
};

/** Non-empty lines with their 1-based numbers. */
function lines(text: string): { text: string; line: number }[] {
  return text
    .split('\n')
    .map((t, i) => ({ text: t.trim(), line: i + 1 }))
    .filter((l) => l.text !== '');
}

/** Exactly one non-empty line, or a ParseError naming the command. */
function single(text: string, command: string): { text: string; line: number } {
  const all = lines(text);
  const [first, second] = all;
  if (!first) throw new ParseError(`cl_status ${command}: empty reply`, 1);
  if (second) throw new ParseError(`cl_status ${command}: unexpected extra line "${second.text.slice(0, 80)}"`, second.line);
  return first;
}

/** `cl_status hbstatus`: "Heartbeat is running on this machine." / "... is stopped ...". */
export function parseHbStatus(text: string): boolean {
  const { text: reply, line } = single(text, 'hbstatus');
  const m = /^Heartbeat is (running|stopped) on this machine\.$/.exec(reply);
  if (!m) throw new ParseError(`cl_status hbstatus: unexpected reply "${reply.slice(0, 80)}"`, line);
  return m[1] === 'running';
}

function names(text: string, command: string): string[] {
  const all = lines(text);
  if (all.length === 0) throw new ParseError(`cl_status ${command}: empty reply`, 1);
  return all.map(({ text: name, line }) => {
    if (!/^[\w.:-]+$/.test(name)) throw new ParseError(`cl_status ${command}: "${name.slice(0, 80)}" is not a name`, line);
    return name;
  });
}

/** `cl_status listnodes`: one node per line, lower-cased by heartbeat; ping nodes are listed too. */
export function parseListNodes(text: string): string[] {
  return names(text, 'listnodes');
}

/** `cl_status listhblinks NODE`: the links heartbeat talks to NODE over, tab-indented. */
export function parseListHbLinks(text: string): string[] {
  return names(text, 'listhblinks');
}

/** `cl_status nodestatus NODE`; null when heartbeat does not know the node (a typo in lbtop.yaml, a renamed LB). */
export function parseNodeStatus(text: string): HeartbeatNodeStatus | null {
  const { text: reply, line } = single(text, 'nodestatus');
  if (UNKNOWN_NODE.test(reply)) return null;
  const status = NODE_STATUSES.find((s) => s === reply);
  if (!status) throw new ParseError(`cl_status nodestatus: unexpected reply "${reply.slice(0, 80)}"`, line);
  return status;
}

/** `cl_status rscstatus`: which resource groups this node holds (haresources mode only). */
export function parseRscStatus(text: string): HeartbeatResourceStatus {
  const { text: reply, line } = single(text, 'rscstatus');
  const status = RESOURCE_STATUSES.find((s) => s === reply);
  if (!status) throw new ParseError(`cl_status rscstatus: unexpected reply "${reply.slice(0, 80)}"`, line);
  return status;
}
