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

const isBlank = (c: number) => c === 32 || c === 9;
/** Where HAProxy's loops stop reading a line: its C string ends at NUL, and "\r" ends it like "\n". */
const isEnd = (c: number) => c === 13 || c === 0 || Number.isNaN(c);

/**
 * One line (without its "\n") as pattern.c reads it, by index and in one pass: a regex here was quadratic on a
 * long run of blanks and threw a TypeError on a "\r" or U+2028 inside the line. A "\r" or NUL ends the line for
 * HAProxy (what follows is never loaded), so it ends it here too; U+2028 is just bytes to HAProxy, part of the key
 * or value. null: a comment or blank line.
 */
export function readPatternLine(line: string, kind: 'map' | 'acl'): { key: string; value?: string } | null {
  if (line.charCodeAt(0) === 35 /* # */) return null;
  let i = 0;
  while (isBlank(line.charCodeAt(i))) i++;
  if (isEnd(line.charCodeAt(i))) return null;
  const keyStart = i;
  if (kind === 'acl') {
    while (!isEnd(line.charCodeAt(i))) i++;
    return { key: line.slice(keyStart, i) };
  }
  while (!isBlank(line.charCodeAt(i)) && !isEnd(line.charCodeAt(i))) i++;
  const key = line.slice(keyStart, i);
  while (isBlank(line.charCodeAt(i))) i++;
  const valueStart = i;
  while (!isEnd(line.charCodeAt(i))) i++;
  let valueEnd = i;
  while (valueEnd > valueStart && isBlank(line.charCodeAt(valueEnd - 1))) valueEnd--;
  return { key, value: line.slice(valueStart, valueEnd) };
}

export function parsePatternFile(text: string, kind: 'map' | 'acl'): PatternFile {
  const finalNewline = text.endsWith('\n');
  const raw = text === '' ? [] : (finalNewline ? text.slice(0, -1) : text).split('\n');
  const lines = raw.map((textLine): PatternFileLine => {
    if (textLine.startsWith('#')) return { kind: 'comment', text: textLine };
    const entry = readPatternLine(textLine, kind);
    return entry ? { kind: 'entry', ...entry, text: textLine } : { kind: 'blank', text: textLine };
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
