// Reads what a map/ACL edit is planned from, on each LB: the runtime list (`show map`: is the file there, its
// next version), the runtime entries, the HAProxy version, the file on the LB's disk, and where the config
// uses the file (for key validation).
import type { PatternKind, PatternUse } from '../../model/maps.js';
import { parseHaproxyConfig } from '../../sources/haproxy/config/parse.js';
import { patternUses } from '../../sources/haproxy/maps/usage.js';
import { readEntries, readHaproxyVersion } from '../../sources/haproxy/maps/read.js';
import { parsePatternRefs } from '../../sources/haproxy/maps/runtime.js';
import type { PatternLbInput } from './types.js';
import type { RoutingDeps } from './deps.js';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Where the LB's haproxy.cfg uses map/ACL files; [] when the config is not configured or cannot be read. */
export async function readUses(deps: RoutingDeps, lb: string): Promise<{ uses: PatternUse[]; error: string | null; text: string | null }> {
  const path = deps.after(lb).configPath;
  const files = deps.files(lb);
  if (!path || !files) return { uses: [], error: 'no haproxy config path for this LB', text: null };
  try {
    const { text, exists } = await files.read(path);
    if (!exists) return { uses: [], error: `${path} does not exist`, text: null };
    return { uses: patternUses(parseHaproxyConfig(text)), error: null, text };
  } catch (error) {
    return { uses: [], error: message(error), text: null };
  }
}

export async function readPatternInput(deps: RoutingDeps, lb: string, kind: PatternKind, file: string): Promise<PatternLbInput> {
  const api = deps.clients.get(lb);
  const after = deps.after(lb);
  const input: PatternLbInput = { lb, error: null, version: null, nextVer: null, runtime: null, uses: [], disk: null, diskError: null, after };
  if (!api) return { ...input, error: 'no connection configured' };
  try {
    return await readInto(deps, api, input, kind, file);
  } catch (error) {
    return { ...input, runtime: null, error: message(error) };
  }
}

async function readInto(deps: RoutingDeps, api: NonNullable<ReturnType<RoutingDeps['clients']['get']>>, input: PatternLbInput, kind: PatternKind, file: string): Promise<PatternLbInput> {
  const lb = input.lb;
  const list = kind === 'map' ? 'show map' : 'show acl';
  const ref = parsePatternRefs(await api.send(list), list).find((r) => r.file === file);
  if (!ref) return input;
  input.version = await readHaproxyVersion(api);
  input.nextVer = ref.nextVer;
  input.runtime = await readEntries(api, kind, file);
  input.uses = (await readUses(deps, lb)).uses.filter((u) => u.file === file);
  const files = deps.files(lb);
  if (!files) input.diskError = 'no file access to this LB';
  else {
    try {
      input.disk = await files.read(file);
    } catch (error) {
      input.diskError = message(error);
    }
  }
  return input;
}

/** Inputs on the named LBs, or on every LB whose runtime has this file. */
export async function readPatternInputs(deps: RoutingDeps, kind: PatternKind, file: string, only: readonly string[] = []): Promise<PatternLbInput[]> {
  const names = only.length > 0 ? only : deps.lbs;
  const inputs = await Promise.all(names.map((lb) => readPatternInput(deps, lb, kind, file)));
  return only.length > 0 ? inputs : inputs.filter((i) => i.runtime !== null || i.error !== null);
}
