// Reads what a map/ACL edit is planned from, on each LB: the runtime list (`show map`: is the file there, its
// next version), the runtime entries, the HAProxy version, the file on the LB's disk, and where the config
// uses the file (for key validation).
import type { PatternKind, PatternUse } from '../../model/maps.js';
import { parseHaproxyConfig } from '../../sources/haproxy/config/parse.js';
import { patternUses } from '../../sources/haproxy/maps/usage.js';
import { readEntries, readHaproxyVersion } from '../../sources/haproxy/maps/read.js';
import { parsePatternRefs } from '../../sources/haproxy/maps/runtime.js';
import type { MapsLbInput } from './types.js';
import type { MapsDeps } from './deps.js';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Where the LB's haproxy.cfg uses map/ACL files; [] when the config is not configured or cannot be read. */
export async function readUses(deps: MapsDeps, lb: string): Promise<{ uses: PatternUse[]; error: string | null; text: string | null }> {
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

export async function readMapsInput(deps: MapsDeps, lb: string, kind: PatternKind, file: string): Promise<MapsLbInput> {
  const api = deps.clients.get(lb);
  const after = deps.after(lb);
  const input: MapsLbInput = { lb, error: null, version: null, nextVer: null, runtime: null, uses: [], disk: null, diskError: null, after };
  if (!api) return { ...input, error: 'no connection configured' };
  try {
    return await readInto(deps, api, input, kind, file);
  } catch (error) {
    return { ...input, runtime: null, error: message(error) };
  }
}

async function readInto(deps: MapsDeps, api: NonNullable<ReturnType<MapsDeps['clients']['get']>>, input: MapsLbInput, kind: PatternKind, file: string): Promise<MapsLbInput> {
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
export async function readMapsInputs(deps: MapsDeps, kind: PatternKind, file: string, only: readonly string[] = []): Promise<MapsLbInput[]> {
  const names = only.length > 0 ? only : deps.lbs;
  const inputs = await Promise.all(names.map((lb) => readMapsInput(deps, lb, kind, file)));
  return only.length > 0 ? inputs : inputs.filter((i) => i.runtime !== null || i.error !== null);
}
