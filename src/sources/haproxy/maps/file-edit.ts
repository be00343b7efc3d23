// Edits of a pattern file that keep everything the operator wrote: comments, blank lines, spacing of untouched
// entries. A whole-list replace (from $EDITOR or `lbtop map replace`) is applied as the smallest change: entries
// common to the old and new lists keep their original line, removed ones go, new ones are inserted where the
// new list puts them. Also the checks of a key or value against how the config reads the file.
import { diffArrays } from 'diff';
import { UnsafeArgumentError } from '../../../model/errors.js';
import type { PatternEntryRow, PatternUse } from '../../../model/maps.js';
import { readPatternLine, type PatternFile, type PatternFileLine } from './map-file.js';

const same = (a: PatternEntryRow, b: PatternEntryRow) => a.key === b.key && (a.value ?? '') === (b.value ?? '');

function lineFor(kind: 'map' | 'acl', e: PatternEntryRow): PatternFileLine {
  return kind === 'acl' ? { kind: 'entry', key: e.key, text: e.key } : { kind: 'entry', key: e.key, value: e.value ?? '', text: `${e.key} ${e.value ?? ''}` };
}

export function replaceEntries(file: PatternFile, entries: readonly PatternEntryRow[]): PatternFile {
  const oldEntries = file.lines.filter((l): l is Extract<PatternFileLine, { kind: 'entry' }> => l.kind === 'entry');
  const changes = diffArrays<PatternEntryRow>(oldEntries, [...entries], { comparator: same });
  // One slot per old entry: kept or dropped, and new lines before or after it. An addition right after a removal
  // takes the removed entry's place (a changed line stays where it was); otherwise it goes before the next old
  // entry, or at the end of the file.
  const slots: { keep: boolean; before: PatternFileLine[]; after: PatternFileLine[] }[] = [];
  let waiting: PatternFileLine[] = [];
  let lastRemoved = false;
  for (const change of changes) {
    if (change.added) {
      const lines = change.value.map((e) => lineFor(file.kind, e));
      if (lastRemoved) slots[slots.length - 1]!.after.push(...lines);
      else waiting.push(...lines);
      continue;
    }
    for (const _ of change.value) {
      slots.push({ keep: !change.removed, before: waiting, after: [] });
      waiting = [];
    }
    lastRemoved = change.removed === true;
  }
  const lines: PatternFileLine[] = [];
  let index = 0;
  for (const line of file.lines) {
    if (line.kind !== 'entry') {
      lines.push(line);
      continue;
    }
    const slot = slots[index++]!;
    lines.push(...slot.before, ...(slot.keep ? [line] : []), ...slot.after);
  }
  lines.push(...waiting);
  return { ...file, lines, finalNewline: file.finalNewline || waiting.length > 0 || lines.length === 0 };
}

const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}(\/\d{1,2}|\/(\d{1,3})(\.\d{1,3}){3})?$/;
// One class then a colon check, not /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(\/\d{1,3})?$/: that tried every colon of a long
// run of them as the one the pattern names (quadratic).
const IPV6_CHARS = /^[0-9a-fA-F:.]*(\/\d{1,3})?$/;
const isIpv6Key = (key: string) => IPV6_CHARS.test(key) && key.split('/', 1)[0]!.includes(':');

/**
 * Refuses a key that the config could not load from the file (HAProxy would refuse the whole file on reload):
 * an address where `map_ip`/`-m ip` reads it, an integer (or range) where `map_int`/`-m int` reads it.
 */
export function checkPatternKey(key: string, uses: readonly PatternUse[]): void {
  for (const use of uses) {
    const type = use.via.startsWith('map_') ? use.via.slice(4) : use.match;
    if (type === 'ip' && !IPV4.test(key) && !isIpv6Key(key)) {
      throw new UnsafeArgumentError(`"${key}" is not an address or network, and ${use.proxy} line ${use.line} reads this file as ip`);
    }
    if (type === 'int' && !/^-?\d+(:-?\d+)?$/.test(key)) {
      throw new UnsafeArgumentError(`"${key}" is not an integer, and ${use.proxy} line ${use.line} reads this file as int`);
    }
  }
}

/** Entries as text lines (`key value`), for the entry diff. */
export function entriesText(entries: readonly PatternEntryRow[]): string {
  return entries.map((e) => (e.value === undefined ? `${e.key}\n` : `${e.key} ${e.value}\n`)).join('');
}

/** Parses a whole list as typed in $EDITOR: one entry per line, `#` comments and blank lines ignored. */
export function parseEntryList(text: string, kind: 'map' | 'acl'): PatternEntryRow[] {
  const out: PatternEntryRow[] = [];
  for (const line of text.split('\n')) {
    // Read as a file line is (readPatternLine): what the editor shows is what HAProxy would load.
    const entry = line.trim() === '' ? null : readPatternLine(line, kind);
    if (entry) out.push(kind === 'acl' ? { key: entry.key } : { key: entry.key, value: entry.value ?? '' });
  }
  return out;
}
