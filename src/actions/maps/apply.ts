// Applies a confirmed map/ACL plan. First a preflight on EVERY LB: runtime entries and file must still be what
// the plan was made from; a difference anywhere stops everything before anything is written (a file edited by
// someone else is shown as a three-way difference). Then LB by LB, stopping at the first failure:
//   1. write the file atomically, keeping FILE.lbtop-bak (host-files.ts);
//   2. if the LB's policy says so, `haproxy -c -f CONFIG`: on failure put the old file back and stop, runtime
//      untouched, no reload;
//   3. the runtime commands (prepare/add @ver/commit, or add/set/del), each audited before it is sent;
//   4. if the policy says so, reload and check that a new worker answers;
//   5. verify: the runtime entries are what was planned (after a reload: what the file says).
import { createTwoFilesPatch } from 'diff';
import type { PatternEntryRow } from '../../model/maps.js';
import { atomicReplace, aclCommands, mapCommands } from '../../sources/haproxy/maps/commands.js';
import { entriesOf, parsePatternFile } from '../../sources/haproxy/maps/map-file.js';
import { readEntries } from '../../sources/haproxy/maps/read.js';
import { checkWriteReply, parsePreparedVersion } from '../../sources/haproxy/maps/runtime.js';
import { FileChangedError, ReplyLostError } from '../../model/errors.js';
import { checkConfig, reloadLb } from '../lb-reload.js';
import type { MapsLbOutcome, MapsLbPlan, MapsPlan, MapsReport } from './types.js';
import type { MapsDeps } from './deps.js';
import { refuseIfReadOnly, replaceWrite, sendWrite } from '../write-path.js';
import { recordMapsPlan } from './undo-note.js';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const same = (a: readonly PatternEntryRow[], b: readonly PatternEntryRow[]) =>
  a.length === b.length && a.every((e, i) => e.key === b[i]!.key && (e.value ?? '') === (b[i]!.value ?? ''));

export function threeWay(path: string, base: string, ours: string, theirs: string) {
  const diff = [
    createTwoFilesPatch(`${path} (lbtop read)`, `${path} (on disk now)`, base, theirs, undefined, undefined, { context: 2 }),
    createTwoFilesPatch(`${path} (lbtop read)`, `${path} (lbtop would write)`, base, ours, undefined, undefined, { context: 2 }),
  ].join('');
  return { base, ours, theirs, diff };
}

async function preflight(plan: MapsPlan, lbPlan: MapsLbPlan, deps: MapsDeps): Promise<MapsLbOutcome | null> {
  const { lb } = lbPlan;
  try {
    const now = await readEntries(deps.clients.get(lb)!, plan.kind, plan.file);
    if (!same(now, lbPlan.before)) return { lb, status: 'conflict', steps: [], error: `the runtime entries of ${plan.file} changed since lbtop read them` };
    if (lbPlan.file && lbPlan.file.diff !== '') {
      const disk = await deps.files(lb)!.read(plan.file);
      if (disk.text !== lbPlan.file.before || disk.exists !== lbPlan.file.existed) {
        return { lb, status: 'conflict', steps: [], error: `${plan.file} changed on disk since lbtop read it`, threeWay: threeWay(plan.file, lbPlan.file.before, lbPlan.file.after, disk.text) };
      }
    }
  } catch (error) {
    return { lb, status: 'failed', steps: [], error: `cannot re-read before applying: ${message(error)}` };
  }
  return null;
}

export async function applyMapsPlan(plan: MapsPlan, deps: MapsDeps): Promise<MapsReport> {
  refuseIfReadOnly(plan.title, ...plan.lbs.flatMap((l) => [deps.clients.get(l.lb), deps.files(l.lb)]));
  if (plan.errors.length > 0) return { plan, outcomes: plan.lbs.map((l) => ({ lb: l.lb, status: 'skipped', steps: [], error: 'the plan has errors' })), ok: false };
  const work = plan.lbs.filter((l) => !l.noop);
  const checks = await Promise.all(work.map((l) => preflight(plan, l, deps)));
  if (checks.some((c) => c !== null)) {
    const outcomes = work.map((l, i) => checks[i] ?? { lb: l.lb, status: 'skipped' as const, steps: [], error: 'not attempted: another LB changed since the read' });
    return { plan, outcomes, ok: false };
  }
  if (work.length > 0) recordMapsPlan(deps.audit, plan);
  const outcomes: MapsLbOutcome[] = [];
  let failed = false;
  for (const lbPlan of work) {
    if (failed) {
      outcomes.push({ lb: lbPlan.lb, status: 'skipped', steps: [], error: 'not attempted: an earlier LB failed' });
      continue;
    }
    const outcome = await applyLb(plan, lbPlan, deps);
    outcomes.push(outcome);
    failed = outcome.status !== 'applied';
  }
  for (const l of plan.lbs.filter((p) => p.noop)) outcomes.push({ lb: l.lb, status: 'applied', steps: ['nothing to change'] });
  return { plan, outcomes, ok: !failed };
}

async function applyLb(plan: MapsPlan, lbPlan: MapsLbPlan, deps: MapsDeps): Promise<MapsLbOutcome> {
  const { lb } = lbPlan;
  const steps: string[] = [];
  const after = lbPlan.input.after;
  const files = deps.files(lb);
  const fail = (error: string, status: MapsLbOutcome['status'] = 'failed'): MapsLbOutcome => ({ lb, status, steps, error });
  const written = lbPlan.file !== null && lbPlan.file.diff !== '';
  const restoreFile = () => restore(plan, lbPlan, deps, steps, written);

  if (written) {
    try {
      const { backup } = await replaceWrite(deps.audit, lb, files!, plan.file, lbPlan.file!.after, { expected: lbPlan.file!.before, backup: true }, plan.id);
      steps.push(`${plan.file} written${backup ? ` (previous kept as ${backup})` : ''}`);
    } catch (error) {
      if (error instanceof FileChangedError) {
        const theirs = await files!.read(plan.file).then((r) => r.text, () => '(unreadable)');
        // Two LBs loading one shared file (NFS, a bind mount): the first LB of this plan already wrote it.
        if (theirs === lbPlan.file!.after) {
          steps.push(`${plan.file} already holds the new text (shared with an LB before this one)`);
          if (after.mode !== 'none') {
            const check = await checkConfig(deps, lb, after).catch((e: unknown) => ({ ok: false, detail: `haproxy -c could not run: ${message(e)}` }));
            if (!check.ok) return fail(`${check.detail}; nothing sent, no reload`);
            steps.push(check.detail);
          }
          return applyRuntimeAndAfter(plan, lbPlan, deps, steps, false, true);
        }
        return { lb, status: 'conflict', steps, error: error.message, threeWay: threeWay(plan.file, lbPlan.file!.before, lbPlan.file!.after, theirs) };
      }
      return fail(`writing ${plan.file}: ${message(error)}`);
    }
    if (after.mode !== 'none') {
      const check = await checkConfig(deps, lb, after).catch((error: unknown) => ({ ok: false, detail: `haproxy -c could not run: ${message(error)}` }));
      if (!check.ok) {
        await restoreFile();
        return fail(`${check.detail}; nothing sent, no reload`);
      }
      steps.push(check.detail);
    }
  }
  return applyRuntimeAndAfter(plan, lbPlan, deps, steps, written, written);
}

async function applyRuntimeAndAfter(plan: MapsPlan, lbPlan: MapsLbPlan, deps: MapsDeps, steps: string[], written: boolean, fileChanged: boolean): Promise<MapsLbOutcome> {
  const { lb } = lbPlan;
  const after = lbPlan.input.after;
  const fail = (error: string): MapsLbOutcome => ({ lb, status: 'failed', steps, error });
  const restoreFile = () => restore(plan, lbPlan, deps, steps, written);
  try {
    const sent = await sendRuntime(plan, lbPlan, deps);
    if (sent > 0) steps.push(`runtime: ${sent} command${sent === 1 ? '' : 's'} sent${lbPlan.atomic ? ' (prepare/commit: atomic)' : ''}`);
  } catch (error) {
    if (error instanceof ReplyLostError) {
      // The command may have landed: the file stays as written and a re-read says what HAProxy holds.
      steps.push(`runtime: OUTCOME UNKNOWN (${message(error)})`);
      const now = await readEntries(deps.clients.get(lb)!, plan.kind, plan.file).catch(() => null);
      if (now !== null && same(now, lbPlan.after)) return { lb, status: 'applied', steps: [...steps, `verified after the lost reply: ${now.length} entries as planned`] };
      return { lb, status: 'unknown', steps, error: now === null ? 'the LB did not answer a re-read' : `the runtime holds ${now.length} entries, not the ${lbPlan.after.length} planned` };
    }
    await restoreFile();
    return fail(`runtime: ${message(error)}`);
  }

  let expected = lbPlan.after;
  if (fileChanged && after.mode === 'reload') {
    const reload = await reloadLb(deps, lb, after).catch((error: unknown) => ({ ok: false, detail: message(error) }));
    steps.push(reload.detail);
    if (!reload.ok) return fail(`reload: ${reload.detail}`);
    expected = entriesOf(parsePatternFile(lbPlan.file!.after, plan.kind)).map((e) => (plan.kind === 'map' ? { key: e.key, value: e.value ?? '' } : { key: e.key }));
  }
  try {
    const now = await readEntries(deps.clients.get(lb)!, plan.kind, plan.file);
    if (!same(now, expected)) return fail(`verify: ${plan.file} holds ${now.length} entries, not the ${expected.length} planned`);
    steps.push(`verified: ${now.length} entries as planned`);
  } catch (error) {
    return fail(`verify: ${message(error)}`);
  }
  return { lb, status: 'applied', steps };
}

async function restore(plan: MapsPlan, lbPlan: MapsLbPlan, deps: MapsDeps, steps: string[], written: boolean): Promise<void> {
  if (!written) return;
  try {
    await replaceWrite(deps.audit, lbPlan.lb, deps.files(lbPlan.lb)!, plan.file, lbPlan.file!.before, { expected: lbPlan.file!.after, backup: false }, plan.id, `restore ${plan.file}`);
    steps.push(`old ${plan.file} put back`);
  } catch (error) {
    steps.push(`could NOT put the old ${plan.file} back: ${message(error)} (it is in ${plan.file}.lbtop-bak)`);
  }
}

/** Sends the runtime commands; with prepare/commit the version is prepare's answer, not the predicted one. */
async function sendRuntime(plan: MapsPlan, lbPlan: MapsLbPlan, deps: MapsDeps): Promise<number> {
  const api = deps.clients.get(lbPlan.lb)!;
  const send = async (command: string) => {
    const sent = await sendWrite(deps.audit, lbPlan.lb, api, command, plan.id);
    if (sent.kind === 'unknown') throw new ReplyLostError(sent.error);
    if (sent.kind === 'not-sent') throw new Error(sent.error);
    // A rejection is HAProxy's own text: checkWriteReply turns it into the typed error naming the command.
    return sent.reply;
  };
  if (lbPlan.atomic) {
    const prepare = plan.kind === 'map' ? mapCommands.prepare(plan.file) : aclCommands.prepare(plan.file);
    const version = parsePreparedVersion(await send(prepare), prepare);
    const rest = atomicReplace(plan.kind, plan.file, lbPlan.after, version);
    for (const command of rest) checkWriteReply(command, await send(command));
    return rest.length + 1;
  }
  for (const command of lbPlan.commands) checkWriteReply(command, await send(command));
  return lbPlan.commands.length;
}
