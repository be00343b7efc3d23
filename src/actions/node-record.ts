// What a node's servers looked like before lbtop drained it, kept on disk so `lbtop node ready` (possibly from
// another shell, hours later) restores exactly those states. Keyed by the machine (its address), whatever it was
// drained by: `drain worker1 --cluster k8s01` and `ready 10.0.0.94` meet in one record. The first drain/maint writes the record and a later
// maint of the same node keeps it (the state to go back to is the one before the first change); a verified
// `ready` removes it. Written atomically (temp file + rename): a crash never leaves half a record.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AdminTarget } from '../model/haproxy.js';
import type { Plan } from './types.js';

export interface NodeRecord {
  node: string;
  action: 'drain' | 'maint';
  savedAt: string;
  states: { lb: string; backend: string; server: string; admin: AdminTarget }[];
}

export function defaultNodeDir(env: NodeJS.ProcessEnv = process.env): string {
  const stateHome = env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(stateHome, 'lbtop', 'nodes');
}

const fileOf = (dir: string, node: string) => path.join(dir, `${encodeURIComponent(node)}.json`);

export function readNodeRecord(dir: string, node: string): NodeRecord | null {
  try {
    const record = JSON.parse(readFileSync(fileOf(dir, node), 'utf8')) as NodeRecord;
    return record.node === node && Array.isArray(record.states) ? record : null;
  } catch {
    return null;
  }
}

/** After a drain/maint was applied: the prior forced state of every server it changed (from the plan's rollback). */
export function saveNodeRecord(dir: string, node: string, action: 'drain' | 'maint', plan: Plan, now = new Date()): NodeRecord {
  const existing = readNodeRecord(dir, node);
  const states = plan.rollback.map((c) => {
    const m = /^set server (\S+?)\/(\S+) state (\S+)$/.exec(c.command)!;
    return { lb: c.lb, backend: m[1]!, server: m[2]!, admin: m[3] as AdminTarget };
  });
  // Servers already recorded keep their first prior state; new ones (a maint after a drain that skipped some) add.
  const merged = existing ? [...existing.states, ...states.filter((s) => !existing.states.some((e) => e.lb === s.lb && e.backend === s.backend && e.server === s.server))] : states;
  const record: NodeRecord = { node, action: existing?.action ?? action, savedAt: existing?.savedAt ?? now.toISOString(), states: merged };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${fileOf(dir, node)}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, fileOf(dir, node));
  return record;
}

export function clearNodeRecord(dir: string, node: string): void {
  rmSync(fileOf(dir, node), { force: true });
}
