// Every command lbtop sends is appended to an audit log (JSON lines) before it is sent and again with the
// reply, so a crash mid-apply still leaves a record of what may have reached HAProxy. What a record keeps (the
// command with secrets redacted, a read's reply summarised, a write's reply capped) is decided by
// applyAuditPolicy inside append, so no caller can write a TLS key or a password to the file.
import { appendFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyAuditPolicy, type ReplySummary } from './audit-policy.js';

export interface AuditRecord {
  time: string;
  user: string;
  lb: string;
  /** As sent, with secret arguments and ssl payloads replaced by a marker. */
  command: string;
  /** A write's reply or an error message, capped; absent on the "about to send" record and on a read's reply. */
  reply?: string;
  /**
   * outcome: what an action did on one LB, written once it is known (verified, FAILED, UNKNOWN...).
   * plan: the action itself, written once before its first command (audit-plan.ts): its title is `command`, its
   * LBs `lb` (comma-separated), and `kind`, `steps`, `rollback` say what history and undo need. Logs written
   * before lbtop wrote this record stay readable: history then shows the action without a way back.
   */
  phase: 'send' | 'reply' | 'error' | 'outcome' | 'plan';
  plan?: string;
  /** phase 'plan': Plan.kind ('server-admin', 'node' …), or 'map'/'acl' for a map/ACL edit. */
  kind?: string;
  /** phase 'plan': each command the action sends, with the state it expects after (undo checks it still holds). */
  steps?: AuditStep[];
  /** phase 'plan': the recorded way back, each LB's prior state, in the order to send it. */
  rollback?: AuditStep[];
  /** phase 'plan': why the action has no way back to re-plan, or what to run instead. */
  undoNote?: string;
  /** phase 'plan' of a node drain/maint: the key of the node record it saves (node-record.ts); undo removes it. */
  nodeRecord?: string;
  /** True when the command cannot change anything (show, get, help…); set by append. */
  readOnly?: boolean;
  /** A read's reply: size, line count, first line (or why not even that is kept); set by append. */
  summary?: ReplySummary;
}

/** One command of a recorded plan (a PlannedCommand as stored: redacted by the policy). */
export interface AuditStep {
  lb: string;
  command: string;
  /** "drain", "weight 50": what verify expects after the command. */
  expect?: string;
}

/** What a caller hands to append; the log adds the time and user and applies the policy. */
export type AuditEntry = Omit<AuditRecord, 'time' | 'user' | 'readOnly' | 'summary'>;

export interface AuditLog {
  readonly path: string | null;
  append(record: AuditEntry): void;
  /** Records written in this session, for the snapshot. */
  readonly records: readonly AuditRecord[];
}

export function defaultAuditPath(env: NodeJS.ProcessEnv = process.env): string {
  const stateHome = env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(stateHome, 'lbtop', 'audit.jsonl');
}

export function openAuditLog(file: string | null, user = safeUser()): AuditLog {
  const records: AuditRecord[] = [];
  if (file) mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  return {
    path: file,
    records,
    append(partial) {
      const record: AuditRecord = { time: new Date().toISOString(), user, ...applyAuditPolicy(partial) };
      records.push(record);
      // Synchronous on purpose: the record must be on disk before the command goes out.
      if (file) appendFileSync(file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
    },
  };
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
