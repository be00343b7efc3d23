// Runtime-API commands that change maps and ACLs, built with command.ts's escaping. Verified against HAProxy
// 2.6 (test/sources/haproxy/maps-live.test.ts):
//   add map [@VER] FILE KEY VALUE     set map FILE KEY VALUE      del map FILE KEY       clear map [@VER] FILE
//   prepare map FILE → "New version created: N"; add map @N ... ; commit map @N FILE   (atomic replace, ≥ 2.4)
//   and the same with `acl` and a single PATTERN instead of KEY VALUE.
//
// A map is always named by its file. `#ID` would also address it, but ids are assigned at startup and shared
// between maps and ACLs, so after a reload the same id may name another file: a file argument that starts
// with `#` is refused. Keys are refused when HAProxy could not give them back intact: a blank inside (a map
// file's key is one word, and `show map` could not tell key from value), a leading `#` (it would read as an
// entry reference `#0x...`, and as a comment in a file); values with leading or trailing blanks, and ACL
// patterns with leading blanks, are refused because a reload from the file would trim them (pattern.c,
// pat_ref_read_from_file[_smp]); a tab or `<` inside is fine: buildCommand escapes it and the file keeps it.
// An entry longer than a file line can be is refused too: HAProxy reads each line of the file with fgets into
// a buffer of tune.bufsize (16384 by default), so a longer line would come back as two entries after a reload,
// and the CLI reads a command into the same size of buffer. Newlines, CR and NUL are refused by buildCommand.
import { UnsafeArgumentError } from '../../../model/errors.js';
import { buildCommand, escapeArgument } from '../command.js';

export type PatternKind = 'map' | 'acl';

function file(name: string): string {
  if (name === '') throw new UnsafeArgumentError('empty map/ACL file name');
  if (name.startsWith('#')) {
    throw new UnsafeArgumentError(
      `refusing to address "${name}" by id`,
      'ids change across reloads and are shared by maps and ACLs; name the map by its file',
    );
  }
  return name;
}

function key(kind: PatternKind, value: string): string {
  if (value === '') throw new UnsafeArgumentError(`empty ${kind === 'map' ? 'key' : 'pattern'}`);
  if (kind === 'map' && /[ \t]/.test(value)) {
    throw new UnsafeArgumentError(`refusing a map key with a blank: ${JSON.stringify(value)}`, 'a map key is one word');
  }
  if (value.startsWith('#')) {
    throw new UnsafeArgumentError(`refusing a key that starts with "#": ${JSON.stringify(value)}`, 'HAProxy reads "#..." as an entry reference');
  }
  return value;
}

function mapValue(value: string): string {
  if (value === '' || /^[ \t]|[ \t]$/.test(value)) {
    throw new UnsafeArgumentError(
      `refusing an empty value or one with leading/trailing blanks: ${JSON.stringify(value)}`,
      'HAProxy trims them when it loads the file, so runtime and disk would differ',
    );
  }
  return value;
}

/** Longest entry lbtop writes, escaped: under HAProxy's default tune.bufsize (16384) with room for `add map @N FILE`. */
export const MAX_ENTRY_BYTES = 15_000;

/** A map entry's or ACL pattern's words, checked; the entry as one line of the file must fit HAProxy's buffer. */
function entry(kind: PatternKind, k: string, v?: string): string[] {
  if (kind === 'acl' && /^[ \t]/.test(k)) {
    throw new UnsafeArgumentError(
      `refusing an ACL pattern that starts with a blank: ${JSON.stringify(k)}`,
      'HAProxy skips leading blanks when it loads the file, so runtime and disk would differ',
    );
  }
  const words = kind === 'map' ? [key('map', k), mapValue(v ?? '')] : [key('acl', k)];
  // Escaped, as sent: never shorter than the file line, and it is what must fit the CLI's buffer.
  const bytes = Buffer.byteLength(words.map(escapeArgument).join(' '), 'utf8');
  if (bytes > MAX_ENTRY_BYTES) {
    throw new UnsafeArgumentError(
      `refusing a ${kind} entry of ${bytes} bytes (at most ${MAX_ENTRY_BYTES})`,
      'HAProxy reads a pattern file line and a CLI command into a 16 KiB buffer: a longer line splits in two on reload',
    );
  }
  return words;
}

function version(v: number | undefined): string[] {
  if (v === undefined) return [];
  if (!Number.isInteger(v) || v < 0) throw new UnsafeArgumentError(`invalid map version ${v}`);
  return [`@${v}`];
}

export const mapCommands = {
  add: (f: string, k: string, v: string, ver?: number) => buildCommand('add', 'map', ...version(ver), file(f), ...entry('map', k, v)),
  /** Changes the value of every entry with this key, in place (same position and reference). */
  set: (f: string, k: string, v: string) => buildCommand('set', 'map', file(f), ...entry('map', k, v)),
  del: (f: string, k: string) => buildCommand('del', 'map', file(f), key('map', k)),
  /** Deletes exactly one entry by the `0x...` reference `show map FILE` printed (for duplicate keys). */
  delRef: (f: string, ref: string) => buildCommand('del', 'map', file(f), entryRef(ref)),
  /** Empties the live map at once, non-atomically: never the first half of a replace (use prepare/commit). */
  clear: (f: string, ver?: number) => buildCommand('clear', 'map', ...version(ver), file(f)),
  prepare: (f: string) => buildCommand('prepare', 'map', file(f)),
  commit: (f: string, ver: number) => buildCommand('commit', 'map', ...version(ver), file(f)),
  show: (f?: string, ver?: number) => (f === undefined ? 'show map' : buildCommand('show', 'map', ...version(ver), file(f))),
};

export const aclCommands = {
  add: (f: string, p: string, ver?: number) => buildCommand('add', 'acl', ...version(ver), file(f), ...entry('acl', p)),
  del: (f: string, p: string) => buildCommand('del', 'acl', file(f), key('acl', p)),
  delRef: (f: string, ref: string) => buildCommand('del', 'acl', file(f), entryRef(ref)),
  clear: (f: string, ver?: number) => buildCommand('clear', 'acl', ...version(ver), file(f)),
  prepare: (f: string) => buildCommand('prepare', 'acl', file(f)),
  commit: (f: string, ver: number) => buildCommand('commit', 'acl', ...version(ver), file(f)),
  show: (f?: string, ver?: number) => (f === undefined ? 'show acl' : buildCommand('show', 'acl', ...version(ver), file(f))),
};

function entryRef(ref: string): string {
  if (!/^0x[0-9a-f]+$/.test(ref)) throw new UnsafeArgumentError(`not an entry reference from "show map": ${ref}`);
  return `#${ref}`;
}

/**
 * The commands that fill a prepared version with the whole new content and commit it: the map switches from
 * the old entries to the new ones at once. `version` is what `prepare` answered (parsePreparedVersion).
 */
export function atomicReplace(kind: PatternKind, f: string, entries: readonly { key: string; value?: string }[], ver: number): string[] {
  const adds = entries.map((e) => (kind === 'map' ? mapCommands.add(f, e.key, e.value ?? '', ver) : aclCommands.add(f, e.key, ver)));
  return [...adds, kind === 'map' ? mapCommands.commit(f, ver) : aclCommands.commit(f, ver)];
}
