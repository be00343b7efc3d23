// What history says about undoing a map/ACL edit. Its way back is not a runtime-API Plan: the edit changes the
// file on disk and the runtime together, behind the map editor's own preflight (file and entries unchanged since
// the read) and preview, so undo does not replay it; it names the inverse edit to run through that editor.
import type { AuditLog } from '../audit-log.js';
import { recordOtherPlan } from '../audit-plan.js';
import type { MapsPlan } from './types.js';

const quote = (word: string) => (/^[A-Za-z0-9._:/@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

export function mapsUndoNote(plan: MapsPlan): string {
  const why = 'a map/ACL edit changes the file and the runtime together, behind the map editor\'s own preview';
  const edit = plan.edit;
  const cmd = (op: string, ...words: string[]) => `lbtop ${plan.kind} ${op} ${[plan.file, ...words].map(quote).join(' ')}`;
  if (edit.op === 'replace') return `undo not offered: ${why}; the file before the replace is kept as ${plan.file}.lbtop-bak on each LB`;
  if (edit.op === 'add') return `undo not offered: ${why}; its inverse: ${cmd('del', edit.key)}`;
  // set and del: the value before, as read on each LB (they may differ).
  const priors = [...new Set(plan.lbs.map((l) => l.before.find((e) => e.key === edit.key)?.value).filter((v): v is string => v !== undefined))];
  if (plan.kind === 'acl') return `undo not offered: ${why}; its inverse: ${cmd('add', edit.key)}`;
  if (priors.length !== 1) return `undo not offered: ${why}; the value before differed between LBs (${priors.map(quote).join(', ') || 'none'})`;
  return `undo not offered: ${why}; its inverse: ${cmd(edit.op === 'set' ? 'set' : 'add', edit.key, priors[0]!)}`;
}

/** The plan record of a map/ACL edit, written once its preflight passed and before anything is sent. */
export function recordMapsPlan(audit: AuditLog, plan: MapsPlan): void {
  const work = plan.lbs.filter((l) => !l.noop);
  recordOtherPlan(audit, {
    id: plan.id,
    title: plan.title,
    kind: plan.kind,
    lbs: work.map((l) => l.lb),
    steps: work.flatMap((l) => [...(l.file && l.file.diff !== '' ? [{ lb: l.lb, command: `write ${plan.file}` }] : []), ...l.commands.map((command) => ({ lb: l.lb, command }))]),
    undoNote: mapsUndoNote(plan),
  });
}
