// Reads the audit log (audit-log.ts) back into records for history and undo. The file is written by every
// lbtop on the machine, possibly while it is read, and may be cut by a crash, rotated by logrotate, missing, or
// edited by hand; none of that may crash lbtop or hide the rest. So:
// - only complete lines are parsed; the bytes after the last newline wait for the next read (lbtop writing) and
//   are reported once reading stops there (a torn line left by a crash);
// - a torn line followed by a later record (a crash, then a new session appending) is cut at the later record;
// - each record is checked field by field and copied (long strings capped), never trusted as parsed;
// - reads (readOnly records) are dropped at once: history is about writes, and polls of the raw CLI add up;
// - a re-read reads only the bytes appended since (the TUI re-reads on every change), and starts over when the
//   file was replaced (rotated) or shrank (truncated).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { AuditRecord, AuditStep } from './audit-log.js';

/** The part of a large log read at first (the newest actions); older ones are said to be left out. */
const MAX_FIRST_READ = 16 * 1024 * 1024;
const PHASES = new Set(['send', 'reply', 'error', 'outcome', 'plan']);

export interface AuditRead {
  records: readonly AuditRecord[];
  /** What was not read, and why: a missing file, bad lines, a torn last line, a rotation. */
  problems: readonly string[];
}

export interface AuditTail {
  /** Reads what was appended since the last call; `changed` is false when nothing was. */
  read(): AuditRead & { changed: boolean };
}

const str = (v: unknown, cap = 8192): string | undefined => (typeof v === 'string' ? (v.length > cap ? `${v.slice(0, cap)}…` : v) : undefined);

function steps(v: unknown): AuditStep[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: AuditStep[] = [];
  for (const s of v.slice(0, 100_000) as unknown[]) {
    if (typeof s !== 'object' || s === null) return undefined;
    const o = s as Record<string, unknown>;
    const lb = str(o.lb, 256);
    const command = str(o.command);
    if (lb === undefined || command === undefined) return undefined;
    const expect = str(o.expect, 256);
    out.push({ lb, command, ...(expect !== undefined ? { expect } : {}) });
  }
  return out;
}

/** One line → a record, or why not. Fields of the wrong type are dropped; without time, lb, command, phase it is no record. */
export function parseAuditLine(line: string): AuditRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a record';
  const o = value as Record<string, unknown>;
  const time = str(o.time, 64);
  const lb = str(o.lb, 65_536);
  const command = str(o.command);
  const phase = str(o.phase, 16);
  if (time === undefined || Number.isNaN(Date.parse(time))) return 'no valid time';
  if (lb === undefined || command === undefined || phase === undefined || !PHASES.has(phase)) return 'no lb, command or phase';
  const record: AuditRecord = { time, user: str(o.user, 256) ?? '?', lb, command, phase: phase as AuditRecord['phase'] };
  const optional = { plan: str(o.plan, 256), reply: str(o.reply), kind: str(o.kind, 64), undoNote: str(o.undoNote, 2048), nodeRecord: str(o.nodeRecord, 256) };
  for (const [key, v] of Object.entries(optional)) if (v !== undefined) (record as unknown as Record<string, string>)[key] = v;
  if (o.readOnly === true) record.readOnly = true;
  const planned = steps(o.steps);
  const rollback = steps(o.rollback);
  if (planned) record.steps = planned;
  if (rollback) record.rollback = rollback;
  return record;
}

/** Splits a line at each `{"time":` after its start: a torn record followed by a whole one. */
function pieces(line: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let at = line.indexOf('{"time":', 1); at > 0; at = line.indexOf('{"time":', at + 1)) {
    out.push(line.slice(from, at));
    from = at;
  }
  out.push(line.slice(from));
  return out;
}

export function auditTail(file: string): AuditTail {
  let records: AuditRecord[] = [];
  let problems: string[] = [];
  let bad = 0;
  let offset = 0;
  let identity = '';
  let pending = Buffer.alloc(0);
  let lineNo = 0;

  const take = (line: string) => {
    lineNo++;
    if (line.trim() === '') return;
    const parsed = parseAuditLine(line);
    if (typeof parsed !== 'string') {
      if (!parsed.readOnly) records.push(parsed);
      return;
    }
    const parts = pieces(line);
    if (parts.length > 1) {
      // The fragment before the first whole record is what a crash cut; the rest may be records.
      for (const part of parts.slice(1)) {
        const again = parseAuditLine(part);
        if (typeof again !== 'string' && !again.readOnly) records.push(again);
      }
      if (bad++ < 5) problems.push(`line ${lineNo}: a torn record (cut by a crash?) before a whole one; the torn part is left out`);
      return;
    }
    if (bad++ < 5) problems.push(`line ${lineNo}: ${parsed}; left out`);
  };

  return {
    read() {
      let fd: number;
      try {
        fd = openSync(file, 'r');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const changed = records.length > 0 || identity !== 'missing';
        if (identity !== 'missing') ({ records, problems, offset, pending, lineNo, bad } = { records: [], problems: [], offset: 0, pending: Buffer.alloc(0), lineNo: 0, bad: 0 });
        identity = 'missing';
        return { records, problems: [code === 'ENOENT' ? `no audit log at ${file} yet (nothing written, or rotated away)` : `cannot read ${file}: ${code ?? String(error)}`], changed };
      }
      try {
        const st = fstatSync(fd);
        const id = `${st.dev}:${st.ino}`;
        if (id !== identity || st.size < offset) {
          // A new file (rotated, or created since) or one cut shorter: start over.
          const rotated = identity !== '' && identity !== 'missing';
          ({ records, problems, pending, lineNo, bad } = { records: [], problems: [], pending: Buffer.alloc(0), lineNo: 0, bad: 0 });
          offset = 0;
          if (rotated) problems.push('the audit log was rotated or truncated while lbtop ran: older actions are in the rotated file');
          if (st.size > MAX_FIRST_READ) {
            offset = st.size - MAX_FIRST_READ;
            problems.push(`only the last ${MAX_FIRST_READ / 1024 / 1024} MiB of the log are read (older actions left out)`);
          }
          identity = id;
        }
        if (st.size === offset) return { records, problems: withTorn(problems, pending), changed: false };
        const chunk = Buffer.alloc(st.size - offset);
        const got = readSync(fd, chunk, 0, chunk.length, offset);
        const skipPartial = offset > 0 && lineNo === 0 && pending.length === 0;
        offset += got;
        let data = pending.length ? Buffer.concat([pending, chunk.subarray(0, got)]) : chunk.subarray(0, got);
        if (skipPartial) data = data.subarray(data.indexOf(0x0a) + 1);
        const last = data.lastIndexOf(0x0a);
        pending = Buffer.from(data.subarray(last + 1));
        if (last >= 0) for (const line of data.subarray(0, last).toString('utf8').split('\n')) take(line);
        if (bad > 5) problems = [...problems.filter((p) => !p.startsWith('and ')), `and ${bad - 5} more bad line(s)`];
        return { records, problems: withTorn(problems, pending), changed: true };
      } finally {
        closeSync(fd);
      }
    },
  };
}

function withTorn(problems: string[], pending: Buffer): string[] {
  if (pending.length === 0) return problems;
  return [...problems, `the last line is incomplete (${pending.length} bytes: being written, or cut by a crash); left out`];
}

/** The whole log at once (the subcommands). */
export function readAuditLog(file: string): AuditRead {
  const { records, problems } = auditTail(file).read();
  return { records, problems };
}
