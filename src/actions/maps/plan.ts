// Plans a map/ACL edit on every LB that carries the file (or the ones named). Pure: inputs read beforehand
// (read.ts), plan out; nothing is sent here. Per LB the runtime and the file are edited separately (they
// may already differ: see drift), each with HAProxy's own semantics: `set`/`del` act on every entry with the key,
// `add` appends. A whole-list replace goes through prepare/commit on HAProxy ≥ 2.4 (atomic), else add/set/del.
import { createTwoFilesPatch } from 'diff';
import { LbtopError } from '../../model/errors.js';
import type { PatternEntryRow, PatternKind } from '../../model/maps.js';
import { aclCommands, atomicReplace, mapCommands } from '../../sources/haproxy/maps/commands.js';
import { checkPatternKey, entriesText, replaceEntries } from '../../sources/haproxy/maps/file-edit.js';
import { entriesOf, parsePatternFile, removeEntry, serializePatternFile, upsertEntry } from '../../sources/haproxy/maps/map-file.js';
import { supportsAtomicReplace } from '../../sources/haproxy/maps/read.js';
import type { MapsEdit, MapsLbInput, MapsLbPlan, MapsPlan } from './types.js';

let counter = 0;
const nextId = () => `map-${Date.now().toString(36)}-${(counter++).toString(36)}`;
const same = (a: readonly PatternEntryRow[], b: readonly PatternEntryRow[]) =>
  a.length === b.length && a.every((e, i) => e.key === b[i]!.key && (e.value ?? '') === (b[i]!.value ?? ''));

export function describeEdit(kind: PatternKind, file: string, edit: MapsEdit): string {
  switch (edit.op) {
    case 'add': return `add ${edit.key}${edit.value !== undefined ? ` ${edit.value}` : ''} to ${file}`;
    case 'set': return `set ${edit.key} to ${edit.value} in ${file}`;
    case 'del': return `delete ${edit.key} from ${file}`;
    case 'replace': return `replace the ${edit.entries.length} entries of ${kind} ${file}`;
  }
}

/** Runtime entries after the edit, as HAProxy would hold them. */
function runtimeAfter(kind: PatternKind, before: PatternEntryRow[], edit: MapsEdit): PatternEntryRow[] {
  switch (edit.op) {
    case 'add': return before.some((e) => e.key === edit.key) ? before : [...before, kind === 'map' ? { key: edit.key, value: edit.value ?? '' } : { key: edit.key }];
    case 'set': return before.map((e) => (e.key === edit.key ? { key: e.key, value: edit.value } : e));
    case 'del': return before.filter((e) => e.key !== edit.key);
    case 'replace': return edit.entries.map((e) => (kind === 'map' ? { key: e.key, value: e.value ?? '' } : { key: e.key }));
  }
}

function validate(kind: PatternKind, file: string, edit: MapsEdit, input: MapsLbInput): void {
  const keys = edit.op === 'replace' ? edit.entries : [edit];
  for (const e of keys) {
    // The builders refuse what HAProxy could not take back intact (newline, NUL, blank in a key, leading #).
    if (kind === 'map') mapCommands.add(file, e.key, 'value' in e && e.value !== undefined ? e.value : edit.op === 'del' ? 'x' : '');
    else aclCommands.add(file, e.key);
    if (edit.op !== 'del') checkPatternKey(e.key, input.uses);
  }
  if (kind === 'acl' && edit.op === 'set') throw new LbtopError('an ACL file has no values: use add and del');
  if (edit.op === 'add' && kind === 'map' && input.runtime!.some((e) => e.key === edit.key)) {
    throw new LbtopError(`${input.lb}: ${edit.key} is already in ${file}`, `use "set" to change its value`);
  }
  if (edit.op === 'set' && !input.runtime!.some((e) => e.key === edit.key)) {
    throw new LbtopError(`${input.lb}: no entry ${edit.key} in ${file}`, 'use "add" for a new entry');
  }
}

function smallCommands(kind: PatternKind, file: string, before: PatternEntryRow[], after: PatternEntryRow[], edit: MapsEdit): string[] {
  if (edit.op === 'add') return before.some((e) => e.key === edit.key) ? [] : [kind === 'map' ? mapCommands.add(file, edit.key, edit.value ?? '') : aclCommands.add(file, edit.key)];
  if (edit.op === 'set') return same(before, after) ? [] : [mapCommands.set(file, edit.key, edit.value)];
  if (edit.op === 'del') return before.some((e) => e.key === edit.key) ? [kind === 'map' ? mapCommands.del(file, edit.key) : aclCommands.del(file, edit.key)] : [];
  return diffCommands(kind, file, before, after);
}

/** Before 2.4 (no prepare/commit): del what goes, set what changes, add what comes. Not atomic; order may change. */
function diffCommands(kind: PatternKind, file: string, before: PatternEntryRow[], after: PatternEntryRow[]): string[] {
  const out: string[] = [];
  const afterKeys = new Map(after.map((e) => [e.key, e.value ?? '']));
  const beforeKeys = new Map(before.map((e) => [e.key, e.value ?? '']));
  for (const key of beforeKeys.keys()) if (!afterKeys.has(key)) out.push(kind === 'map' ? mapCommands.del(file, key) : aclCommands.del(file, key));
  for (const [key, value] of afterKeys) {
    if (!beforeKeys.has(key)) out.push(kind === 'map' ? mapCommands.add(file, key, value) : aclCommands.add(file, key));
    else if (kind === 'map' && beforeKeys.get(key) !== value) out.push(mapCommands.set(file, key, value));
  }
  return out;
}

function fileAfter(kind: PatternKind, text: string, edit: MapsEdit): string {
  let f = parsePatternFile(text, kind);
  if (edit.op === 'add' || edit.op === 'set') f = upsertEntry(f, edit.key, kind === 'map' ? edit.value ?? '' : undefined);
  else if (edit.op === 'del') f = removeEntry(f, edit.key);
  else f = replaceEntries(f, edit.entries);
  return serializePatternFile(f);
}

export function planLb(kind: PatternKind, file: string, edit: MapsEdit, input: MapsLbInput): MapsLbPlan {
  const before = input.runtime!;
  const after = runtimeAfter(kind, before, edit);
  const atomicOk = edit.op === 'replace' && supportsAtomicReplace(input.version) && !same(before, after);
  const predicted = (input.nextVer ?? 0) + 1;
  const commands = atomicOk
    ? [kind === 'map' ? mapCommands.prepare(file) : aclCommands.prepare(file), ...atomicReplace(kind, file, after, predicted)]
    : smallCommands(kind, file, before, after, edit);
  const rollback = commands.length === 0 ? []
    : supportsAtomicReplace(input.version)
      ? [kind === 'map' ? mapCommands.prepare(file) : aclCommands.prepare(file), ...atomicReplace(kind, file, before, predicted + 1)]
      : diffCommands(kind, file, after, before);
  let filePlan: MapsLbPlan['file'] = null;
  if (input.disk) {
    const newText = fileAfter(kind, input.disk.text, edit);
    filePlan = {
      path: file,
      before: input.disk.text,
      after: newText,
      diff: newText === input.disk.text ? '' : createTwoFilesPatch(`a${file}`, `b${file}`, input.disk.text, newText, undefined, undefined, { context: 2 }),
      existed: input.disk.exists,
    };
  }
  const reloads = input.after.mode === 'reload' && filePlan !== null && filePlan.diff !== '';
  const loaded = reloads ? entriesOf(parsePatternFile(filePlan!.after, kind)).map((e) => (kind === 'map' ? { key: e.key, value: e.value ?? '' } : { key: e.key })) : null;
  const entryDiff = same(before, after) ? '' : createTwoFilesPatch(`${input.lb}:${file} (runtime)`, `${input.lb}:${file} (after)`, entriesText(before), entriesText(after), undefined, undefined, { context: 2 });
  return {
    lb: input.lb,
    input,
    before,
    after,
    entryDiff,
    commands,
    atomic: atomicOk ? { predicted } : null,
    rollback,
    file: filePlan,
    noop: commands.length === 0 && (filePlan === null || filePlan.diff === ''),
    afterReload: loaded !== null && !same(loaded, after) ? loaded : null,
  };
}

/** What the reload changes beyond the edit, in words: entries only the runtime had, values the file has otherwise. */
export function reloadDifference(lbPlan: MapsLbPlan): string | null {
  if (!lbPlan.afterReload) return null;
  const loaded = new Map(lbPlan.afterReload.map((e) => [e.key, e.value ?? '']));
  const runtime = new Map(lbPlan.after.map((e) => [e.key, e.value ?? '']));
  const few = (keys: string[]) => (keys.length > 5 ? `${keys.slice(0, 5).join(', ')} and ${keys.length - 5} more` : keys.join(', '));
  const dropped = [...runtime.keys()].filter((k) => !loaded.has(k));
  const added = [...loaded.keys()].filter((k) => !runtime.has(k));
  const changed = [...runtime.keys()].filter((k) => loaded.has(k) && loaded.get(k) !== runtime.get(k));
  const parts = [
    dropped.length > 0 ? `drops ${dropped.length} runtime-only entr${dropped.length === 1 ? 'y' : 'ies'} (${few(dropped)})` : null,
    changed.length > 0 ? `sets ${changed.length} entr${changed.length === 1 ? 'y' : 'ies'} to the file's value (${few(changed)})` : null,
    added.length > 0 ? `adds ${added.length} entr${added.length === 1 ? 'y' : 'ies'} only the file had (${few(added)})` : null,
  ].filter((p) => p !== null);
  // Same keys and values in another order: the reload only reorders (first match wins for map_beg/map_reg).
  return parts.length > 0 ? parts.join('; ') : 'changes the order of the entries';
}

export function planMapsEdit(kind: PatternKind, file: string, edit: MapsEdit, inputs: readonly MapsLbInput[]): MapsPlan {
  const plan: MapsPlan = { preview: 'entries', id: nextId(), title: '', kind, file, edit, lbs: [], errors: [], warnings: [] };
  if (inputs.length === 0) plan.errors.push(`no LB has a ${kind} ${file}`);
  for (const input of inputs) {
    if (input.error !== null) {
      plan.errors.push(`${input.lb}: cannot be read: ${input.error}`);
      continue;
    }
    if (input.runtime === null) {
      plan.errors.push(`${input.lb}: has no ${kind} ${file}`);
      continue;
    }
    try {
      validate(kind, file, edit, input);
    } catch (error) {
      plan.errors.push(error instanceof Error ? error.message : String(error));
      continue;
    }
    const lbPlan = planLb(kind, file, edit, input);
    plan.lbs.push(lbPlan);
    if (!input.disk) plan.warnings.push(`${input.lb}: the file cannot be read (${input.diskError ?? 'no file access'}): the change would be lost on reload`);
    else if (!input.disk.exists) plan.warnings.push(`${input.lb}: ${file} does not exist on disk; it will be created`);
    if (edit.op === 'replace' && !supportsAtomicReplace(input.version) && lbPlan.commands.length > 1) {
      plan.warnings.push(`${input.lb}: HAProxy ${input.version ?? '?'} has no prepare/commit: entries change one by one`);
    }
    if (edit.op === 'del' && lbPlan.commands.length === 0) plan.warnings.push(`${input.lb}: no runtime entry ${edit.key}`);
    const reload = reloadDifference(lbPlan);
    if (reload) plan.warnings.push(`${input.lb}: runtime and file differed before this edit; the reload loads the file and ${reload} (see 8-DRIFT)`);
  }
  const where = plan.lbs.map((l) => l.lb).join(', ') || 'no LB';
  plan.title = `${describeEdit(kind, file, edit)} on ${where}`;
  return plan;
}
