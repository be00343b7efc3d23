// Every command lbtop sends is appended to an audit log (JSON lines) before it is sent and again with the
// reply, so a crash mid-apply still leaves a record of what may have reached HAProxy.
import { appendFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface AuditRecord {
  time: string;
  user: string;
  lb: string;
  command: string;
  /** Absent on the "about to send" record. */
  reply?: string;
  /** outcome: what an action did on one LB, written once it is known (verified, FAILED, UNKNOWN...). */
  phase: 'send' | 'reply' | 'error' | 'outcome';
  plan?: string;
}

export interface AuditLog {
  readonly path: string | null;
  append(record: Omit<AuditRecord, 'time' | 'user'>): void;
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
      const record: AuditRecord = { time: new Date().toISOString(), user, ...partial };
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
