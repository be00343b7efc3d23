// Writes an edited haproxy.cfg on one LB: guarded atomic replace (host-files.ts), then `haproxy -c -f` always
// (a config edit is never left unchecked; on failure the old file goes back), then a reload if the LB's policy
// says so. Used by the drift fix "write the runtime server states to disk".
import { FileChangedError } from '../model/errors.js';
import { checkConfig, reloadLb } from './lb-reload.js';
import { threeWay } from './maps/apply.js';
import type { MapsLbOutcome } from './maps/types.js';
import type { MapsDeps } from './maps/deps.js';
import { refuseIfReadOnly, replaceWrite } from './write-path.js';

/** haproxy.cfg rewritten on one LB (server states written to disk), shown as a diff before it is written. */
export interface ConfigEditPlan {
  /** Its preview is a file diff (src/actions/confirmation.ts). */
  preview: 'file';
  lb: string;
  path: string;
  before: string;
  after: string;
  diff: string;
  skipped: string[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function applyConfigEdit(deps: MapsDeps, lb: string, before: string, after: string): Promise<MapsLbOutcome> {
  const policy = deps.after(lb);
  const files = deps.files(lb);
  const path = policy.configPath;
  const steps: string[] = [];
  if (!files || !path) return { lb, status: 'failed', steps, error: 'no file access or no haproxy config path for this LB' };
  refuseIfReadOnly(`writing ${path}`, files);
  try {
    const { backup } = await replaceWrite(deps.audit, lb, files, path, after, { expected: before, backup: true });
    steps.push(`${path} written${backup ? ` (previous kept as ${backup})` : ''}`);
  } catch (error) {
    if (error instanceof FileChangedError) {
      const theirs = await files.read(path).then((r) => r.text, () => '(unreadable)');
      return { lb, status: 'conflict', steps, error: error.message, threeWay: threeWay(path, before, after, theirs) };
    }
    return { lb, status: 'failed', steps, error: message(error) };
  }
  const check = await checkConfig(deps, lb, { ...policy, mode: 'check' }).catch((e: unknown) => ({ ok: false, detail: `haproxy -c could not run: ${message(e)}` }));
  if (!check.ok) {
    await replaceWrite(deps.audit, lb, files, path, before, { expected: after, backup: false }, undefined, `restore ${path}`).then(
      () => steps.push(`old ${path} put back`),
      (e: unknown) => steps.push(`could NOT put the old ${path} back: ${message(e)} (it is in ${path}.lbtop-bak)`),
    );
    return { lb, status: 'failed', steps, error: `${check.detail}; no reload` };
  }
  steps.push(check.detail);
  if (policy.mode === 'reload') {
    const reload = await reloadLb(deps, lb, policy).catch((e: unknown) => ({ ok: false, detail: message(e) }));
    steps.push(reload.detail);
    if (!reload.ok) return { lb, status: 'failed', steps, error: `reload: ${reload.detail}` };
  }
  return { lb, status: 'applied', steps };
}
