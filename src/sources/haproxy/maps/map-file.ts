// Map and ACL pattern files on disk, read the way HAProxy reads them (pattern.c, pat_ref_read_from_file_smp and
// pat_ref_read_from_file) and written back without losing what the operator wrote.
//
// HAProxy's rules: a line whose FIRST character is `#` is a comment (an indented `#` is not: it becomes a key
// "#"); blank lines are skipped; leading blanks are skipped; in a map the key is the first word and the value
// is the rest of the line with trailing blanks trimmed; in an ACL file the whole line (trailing blanks
// included) is the pattern. lbtop keeps every line (comments, blanks, spacing) so that an edit changes only
// the entries it touches and a diff shows only them.

export type PatternFileLine =
  | { kind: 'comment' | 'blank'; text: string }
  | { kind: 'entry'; key: string; value?: string; text: string };

export interface PatternFile {
  kind: 'map' | 'acl';
  lines: PatternFileLine[];
  /** Whether the file ended with a newline, kept on round-trip. */
  finalNewline: boolean;
}

export function parsePatternFile(text: string, kind: 'map' | 'acl'): PatternFile {
  const finalNewline = text.endsWith('\n');
  const raw = text === '' ? [] : (finalNewline ? text.slice(0, -1) : text).split('\n');
  const lines = raw.map((textLine): PatternFileLine => {
    const line = textLine.replace(/\r$/, '');
    if (line.startsWith('#')) return { kind: 'comment', text: textLine };
    const body = line.replace(/^[ \t]+/, '');
    if (body === '') return { kind: 'blank', text: textLine };
    if (kind === 'acl') return { kind: 'entry', key: body, text: textLine };
    const m = /^([^ \t]+)[ \t]*(.*?)[ \t]*$/.exec(body)!;
    return { kind: 'entry', key: m[1]!, value: m[2]!, text: textLine };
  });
  return { kind, lines, finalNewline };
}

/** Entries in file order, which is the order HAProxy loads and (for list-indexed matches) tries them. */
export function entriesOf(file: PatternFile): { key: string; value?: string }[] {
  return file.lines.flatMap((l) => (l.kind === 'entry' ? [l.value === undefined ? { key: l.key } : { key: l.key, value: l.value }] : []));
}

export function serializePatternFile(file: PatternFile): string {
  const body = file.lines.map((l) => l.text).join('\n');
  return file.lines.length > 0 && file.finalNewline ? `${body}\n` : body;
}

function entryLine(kind: 'map' | 'acl', key: string, value?: string): PatternFileLine {
  if (kind === 'acl') return { kind: 'entry', key, text: key };
  return { kind: 'entry', key, value: value ?? '', text: `${key} ${value ?? ''}` };
}

/**
 * Sets the value of every entry with this key (as `set map` does at runtime), or appends one at the end (as
 * `add map` does). Untouched lines keep their exact text.
 */
export function upsertEntry(file: PatternFile, key: string, value?: string): PatternFile {
  let found = false;
  const lines = file.lines.map((l) => {
    if (l.kind !== 'entry' || l.key !== key) return l;
    found = true;
    return file.kind === 'map' && l.value !== value ? entryLine('map', key, value) : l;
  });
  if (!found) lines.push(entryLine(file.kind, key, value));
  return { ...file, lines, finalNewline: file.finalNewline || !found };
}

/** Removes every entry with this key (as `del map FILE KEY` does on 2.6), keeping comments around it. */
export function removeEntry(file: PatternFile, key: string): PatternFile {
  return { ...file, lines: file.lines.filter((l) => l.kind !== 'entry' || l.key !== key) };
}
