// The incident snapshot: state (the `status --json` shape, plus each LB's health and route), fleet drift,
// the event timeline and the audit log of this session. Pure builders, plus one atomic write of both files.
// The audit records go through the audit log's policy again (it is idempotent): whoever built them, a snapshot
// never holds a reply or a secret the log itself would not.
import { renameSync, writeFileSync } from 'node:fs';
import type { AuditRecord } from '../actions/audit-log.js';
import { applyAuditPolicy, type ReplySummary } from '../actions/audit-policy.js';
import type { TimelineEvent } from '../model/events.js';
import type { Fleet, LbHealth } from '../model/fleet.js';
import { fleetDrift, type DriftItem } from '../store/fleet-drift.js';
import { statusJson } from './status-json.js';
import { statusText } from './status-text.js';

export interface IncidentSnapshot {
  kind: 'lbtop-snapshot';
  version: 1;
  takenAt: string;
  lbs: LbHealth[];
  state: ReturnType<typeof statusJson>;
  drift: DriftItem[];
  events: TimelineEvent[];
  audit: AuditRecord[];
  /** Kept only to render the text; not written to the JSON. */
  fleet?: Fleet;
}

export function buildSnapshot(fleet: Fleet, events: readonly TimelineEvent[], audit: readonly AuditRecord[], at: Date): IncidentSnapshot {
  return {
    kind: 'lbtop-snapshot',
    version: 1,
    takenAt: at.toISOString(),
    lbs: fleet.lbs.map((h) => ({ ...h })),
    state: statusJson(fleet, at.getTime()),
    drift: fleetDrift(fleet),
    events: [...events],
    audit: audit.map((record) => applyAuditPolicy(record)),
    fleet,
  };
}

export function snapshotText(s: IncidentSnapshot): string {
  const lines = [`lbtop snapshot taken ${s.takenAt}`, ''];
  if (s.fleet) lines.push(statusText(s.fleet));
  lines.push('', `Drift between LBs (${s.drift.length}):`);
  if (s.drift.length === 0) lines.push('  none: every LB serving a backend agrees');
  for (const d of s.drift) lines.push(`  [${d.cluster || 'fleet'}] ${d.text}`);
  lines.push('', `Events (${s.events.length}, oldest first):`);
  for (const e of s.events) {
    const change = e.from || e.to ? ` ${e.from} → ${e.to}` : '';
    lines.push(`  ${new Date(e.at).toISOString()}  ${e.lb}  ${e.kind}  ${e.subject}${change}${e.detail ? `  (${e.detail})` : ''}`);
  }
  lines.push('', `Audit log of this session (${s.audit.length}):`);
  for (const a of s.audit) lines.push(`  ${a.time}  ${a.user}  ${a.lb}  ${a.phase}  ${a.command}${outcome(a)}`);
  return `${lines.join('\n')}\n`;
}

function outcome(a: AuditRecord): string {
  if (a.summary) return `  → ${summaryText(a.summary)}`;
  return a.reply !== undefined ? `  → ${a.reply.trim() || '(ok)'}` : '';
}

const summaryText = (s: ReplySummary): string =>
  `[${s.bytes} bytes, ${s.lines} lines${s.withheld ? `; not kept: ${s.withheld}` : ''}]${s.firstLine !== undefined ? ` ${s.firstLine}` : ''}`;

/** FILE gets the JSON, FILE.txt (or FILE with .json replaced by .txt) the text. */
export function writeSnapshotFiles(file: string, snapshot: IncidentSnapshot, text: string): { json: string; text: string } {
  const textFile = /\.json$/i.test(file) ? file.replace(/\.json$/i, '.txt') : `${file}.txt`;
  const { fleet: _omit, ...data } = snapshot;
  const write = (target: string, body: string) => {
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, body, { mode: 0o600 });
    renameSync(tmp, target);
  };
  write(file, `${JSON.stringify(data, null, 2)}\n`);
  write(textFile, text);
  return { json: file, text: textFile };
}
