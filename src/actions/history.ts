// The audit log's records grouped into actions, one history entry per plan id: when, who, on which LBs, what
// (the plan record's title), the commands with their replies, and the outcome on each LB. Records of an older
// lbtop (no plan record) still make entries, with the title taken from their outcome records or commands and
// no way back. A write with no plan (the raw CLI) is an entry of its own.
import type { AuditRecord, AuditStep } from './audit-log.js';

export type CommandResult = 'done' | 'rejected' | 'not-sent' | 'unknown' | 'no-reply';

export interface HistoryCommand {
  lb: string;
  command: string;
  time: string;
  result: CommandResult;
  reply?: string;
}

export interface HistoryOutcome {
  lb: string;
  /** VERIFIED, APPLIED-UNVERIFIED, FAILED, UNKNOWN from the outcome record; else what the commands show. */
  status: string;
  detail?: string;
}

export interface HistoryEntry {
  /** The plan id (what `lbtop undo` takes); `cli-TIME-LB` for a write sent without a plan. */
  id: string;
  time: string;
  user: string;
  lbs: string[];
  title: string;
  /** Plan.kind, 'map'/'acl', or guessed from the id for logs without a plan record ('vip-move', 'bgp'…). */
  kind: string;
  commands: HistoryCommand[];
  outcomes: HistoryOutcome[];
  /** From the plan record: absent when the log predates it. */
  steps?: AuditStep[];
  rollback?: AuditStep[];
  undoNote?: string;
  /** A node drain/maint: the key of the node record it saved. */
  nodeRecord?: string;
}

/** A plan id's prefix says what made it, for records written before the plan record existed. */
const KIND_OF_ID: [RegExp, string][] = [[/^vip-/, 'vip-move'], [/^bgp-/, 'bgp'], [/^map-/, 'map'], [/^drift-/, 'raw'], [/^node-/, 'node'], [/^plan-/, 'server'], [/^undo-/, 'undo']];

function resultOf(record: AuditRecord): CommandResult {
  if (record.phase === 'error') return /^OUTCOME UNKNOWN/.test(record.reply ?? '') ? 'unknown' : 'not-sent';
  // write-path.ts: a set/add/del answered with text is HAProxy's refusal.
  if (/^(set|add|del|clear|commit|prepare|enable|disable|shutdown)\b/.test(record.command) && (record.reply ?? '').trim() !== '') return 'rejected';
  return 'done';
}

/** Entries, newest first. */
export function groupHistory(records: readonly AuditRecord[]): HistoryEntry[] {
  const byId = new Map<string, HistoryEntry>();
  const order: HistoryEntry[] = [];
  const entryOf = (r: AuditRecord): HistoryEntry => {
    const id = r.plan ?? `cli-${r.time}-${r.lb}`;
    let entry = byId.get(id);
    if (!entry) {
      const kind = r.plan === undefined ? 'cli' : (KIND_OF_ID.find(([re]) => re.test(r.plan!))?.[1] ?? 'other');
      entry = { id, time: r.time, user: r.user, lbs: [], title: '', kind, commands: [], outcomes: [] };
      byId.set(id, entry);
      order.push(entry);
    }
    return entry;
  };
  for (const r of records) {
    if (r.readOnly) continue;
    const entry = entryOf(r);
    switch (r.phase) {
      case 'plan':
        entry.title = r.command;
        if (r.kind !== undefined) entry.kind = r.kind;
        if (r.steps) entry.steps = r.steps;
        if (r.rollback) entry.rollback = r.rollback;
        if (r.undoNote !== undefined) entry.undoNote = r.undoNote;
        if (r.nodeRecord !== undefined) entry.nodeRecord = r.nodeRecord;
        for (const lb of r.lb.split(',').filter(Boolean)) addLb(entry, lb);
        break;
      case 'send':
        addLb(entry, r.lb);
        entry.commands.push({ lb: r.lb, command: r.command, time: r.time, result: 'no-reply' });
        break;
      case 'reply':
      case 'error': {
        // The reply belongs to the last command of that LB still waiting for one.
        const sent = lastWaiting(entry.commands, r);
        const result = resultOf(r);
        if (sent) {
          sent.result = result;
          if (r.reply !== undefined) sent.reply = r.reply;
        } else entry.commands.push({ lb: r.lb, command: r.command, time: r.time, result, ...(r.reply !== undefined ? { reply: r.reply } : {}) });
        addLb(entry, r.lb);
        break;
      }
      case 'outcome': {
        if (entry.title === '') entry.title = r.command;
        const [status = '?', ...rest] = (r.reply ?? '?').split(': ');
        const outcome = { lb: r.lb, status, ...(rest.length ? { detail: rest.join(': ') } : {}) };
        entry.outcomes = [...entry.outcomes.filter((o) => o.lb !== r.lb), outcome];
        addLb(entry, r.lb);
        break;
      }
    }
  }
  for (const entry of order) finish(entry);
  return order.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
}

function lastWaiting(commands: HistoryCommand[], r: AuditRecord): HistoryCommand | undefined {
  for (let i = commands.length - 1; i >= 0; i--) {
    const c = commands[i]!;
    if (c.lb === r.lb && c.command === r.command && c.result === 'no-reply') return c;
  }
  return undefined;
}

function addLb(entry: HistoryEntry, lb: string): void {
  if (lb !== '' && !entry.lbs.includes(lb)) entry.lbs.push(lb);
}

/** LBs without an outcome record get one from their commands; an entry without a title gets its first command. */
function finish(entry: HistoryEntry): void {
  if (entry.title === '') entry.title = entry.commands[0]?.command.split('\n')[0] ?? entry.id;
  for (const lb of entry.lbs) {
    if (entry.outcomes.some((o) => o.lb === lb)) continue;
    const mine = entry.commands.filter((c) => c.lb === lb);
    const bad = mine.find((c) => c.result !== 'done');
    if (mine.length === 0) entry.outcomes.push({ lb, status: 'NOT-SENT', detail: 'nothing was sent there' });
    else if (!bad) entry.outcomes.push({ lb, status: 'SENT', detail: 'every command answered; no verification recorded' });
    else if (bad.result === 'no-reply') entry.outcomes.push({ lb, status: 'NO-REPLY', detail: `no reply recorded for "${bad.command.split('\n')[0]}" (lbtop stopped?)` });
    else entry.outcomes.push({ lb, status: bad.result.toUpperCase(), ...(bad.reply ? { detail: bad.reply.trim() } : {}) });
  }
}
