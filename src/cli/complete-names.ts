// The names `lbtop __complete WHAT` prints for the shell completions: LBs and clusters from the config (and the
// inventory groups, which --cluster accepts too), the map and ACL files the LBs' HAProxies hold, and the actions
// of the audit log that `lbtop undo` can take.
//
// A TAB must be quick and leave nothing behind: maps and ACL files are asked only of LBs reached on this machine
// (a unix or TCP socket: `show map`, `show acl`, read-only commands), each within a short timeout and all at once.
// An LB behind SSH is never contacted from a TAB: a handshake takes time and may ask for a passphrase or a host key.
import type { NameList } from './completion-args.js';
import type { LbConfig, LbtopConfig } from '../model/config.js';
import { HaproxyClient } from '../sources/haproxy/client.js';
import { parsePatternRefs } from '../sources/haproxy/maps/runtime.js';
import { localConnector } from '../runtime/hosts.js';

/** Per LB, for the whole `show map`/`show acl` exchange: a local HAProxy answers in a few ms. */
const TIMEOUT_MS = 500;

export async function completeNames(config: LbtopConfig, what: NameList): Promise<string[]> {
  switch (what) {
    case 'lbs':
      return config.lbs.map((lb) => lb.name);
    case 'clusters':
      return unique([...config.clusters.map((c) => c.name), ...config.lbs.flatMap((lb) => lb.groups ?? [])]);
    case 'maps':
    case 'acls': {
      const command = what === 'maps' ? 'show map' : 'show acl';
      const local = config.lbs.filter((lb) => !lb.ssh && (lb.haproxy.socket || lb.haproxy.tcp));
      const files = await Promise.all(local.map((lb) => patternFiles(lb, command)));
      return unique(files.flat()).sort();
    }
    case 'actions': {
      // `lbtop undo ID`: the newest actions of the audit log that undo can take, newest first.
      const { defaultAuditPath } = await import('../actions/audit-log.js');
      const { readAuditLog } = await import('../actions/audit-read.js');
      const { groupHistory } = await import('../actions/history.js');
      const { undoRefusal } = await import('../actions/undo-plan.js');
      return groupHistory(readAuditLog(defaultAuditPath()).records).filter((e) => undoRefusal(e) === null).slice(0, 50).map((e) => e.id);
    }
  }
}

async function patternFiles(lb: LbConfig, command: string): Promise<string[]> {
  const connector = localConnector(lb); // local LBs only (see above): hosts.ts's choice for them
  try {
    const reply = await new HaproxyClient(connector, { timeoutMs: TIMEOUT_MS }).send(command);
    return parsePatternRefs(reply, command).map((ref) => ref.file).filter((file) => file !== '');
  } catch {
    return []; // not running, refused, too slow: nothing to offer from this LB
  }
}

const unique = (names: string[]) => [...new Set(names)];
