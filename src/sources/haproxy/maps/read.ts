// Reads one LB's maps and ACL files from the runtime API (`show map`, `show acl`, then `show map FILE` for each
// file), and joins them with where haproxy.cfg uses each file. Anonymous inline ACLs (no file) are left out:
// they cannot be edited by file name and a reload restores them from the config anyway.
import type { LbPatterns, PatternKind, PatternTable, PatternUse } from '../../../model/maps.js';
import type { RuntimeApi } from '../client.js';
import { parseInfo } from '../parse-info.js';
import { aclCommands, mapCommands } from './commands.js';
import { parsePatternEntries, parsePatternRefs } from './runtime.js';

export async function readPatternTables(api: RuntimeApi, kind: PatternKind, uses: readonly PatternUse[] = []): Promise<PatternTable[]> {
  const listCommand = kind === 'map' ? 'show map' : 'show acl';
  const refs = parsePatternRefs(await api.send(listCommand), listCommand);
  const tables: PatternTable[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    if (ref.file === '' || seen.has(ref.file)) continue;
    seen.add(ref.file);
    tables.push({
      kind,
      file: ref.file,
      id: ref.id,
      description: ref.description,
      currVer: ref.currVer,
      nextVer: ref.nextVer,
      entries: await readEntries(api, kind, ref.file),
      uses: uses.filter((u) => u.file === ref.file),
    });
  }
  return tables;
}

export async function readEntries(api: RuntimeApi, kind: PatternKind, file: string): Promise<{ key: string; value?: string }[]> {
  const command = kind === 'map' ? mapCommands.show(file) : aclCommands.show(file);
  return parsePatternEntries(await api.send(command), kind === 'map', command).map((e) =>
    kind === 'map' ? { key: e.key, value: e.value ?? '' } : { key: e.key },
  );
}

export async function readHaproxyVersion(api: RuntimeApi): Promise<string> {
  return parseInfo(await api.send('show info')).version;
}

/** ≥ 2.4 has `prepare`/`commit` for maps and ACLs (atomic replace of the whole list). */
export function supportsAtomicReplace(version: string | null): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 2 || (major === 2 && minor >= 4);
}

export async function readLbPatterns(lb: string, api: RuntimeApi, uses: readonly PatternUse[], config: { path: string | null; error: string | null }): Promise<LbPatterns> {
  const result: LbPatterns = { lb, version: null, maps: [], acls: [], configPath: config.path, configError: config.error, error: null };
  try {
    result.version = await readHaproxyVersion(api);
    result.maps = await readPatternTables(api, 'map', uses);
    result.acls = await readPatternTables(api, 'acl', uses);
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  return result;
}
