// The shape of keepalived's data dump (SIGUSR1 / `--signum=DATA` → /tmp/keepalived.data), before meaning:
//   ------< VRRP Topology >------          section
//    VRRP Instance = cluster01-api-vip     entry    (indent 1)
//      Virtual IP (1):                     property (indent 3)
//        10.99.0.200/24 dev eth0 ...       item     (indent 5+)
// Keys and values are split on " = " (or "key:" / "key :" headers). The VRRP password line is dropped here, at
// the lowest layer, so nothing above can carry it by mistake.
import { ParseError } from '../../model/errors.js';

export interface DumpItem {
  text: string;
  line: number;
}

export interface DumpProperty {
  key: string;
  value: string | null;
  line: number;
  items: DumpItem[];
}

export interface DumpEntry extends DumpProperty {
  props: DumpProperty[];
}

export interface DumpSection {
  name: string;
  line: number;
  entries: DumpEntry[];
}

const SECRET_KEYS = /^(password|auth_pass|auth data)$/i;

/**
 * "------< VRRP Topology >------" → "VRRP Topology"; null for any other line. By hand, not /^-+<\s*(.+?)\s*>-+$/:
 * that regex tried every end of the name against every run of blanks after it (quadratic on a long blank run).
 */
export function sectionName(body: string): string | null {
  let open = 0;
  while (body.charCodeAt(open) === 45 /* - */) open++;
  let close = body.length;
  while (close > 0 && body.charCodeAt(close - 1) === 45) close--;
  if (open === 0 || close === body.length || body[open] !== '<' || close <= open + 2 || body[close - 1] !== '>') return null;
  const name = body.slice(open + 1, close - 1).trim();
  return name === '' ? null : name;
}

/**
 * "Key = value", "Key =", "Tracked scripts :", "Virtual IP (2):", "Flags: none". The header form splits at the
 * first colon, and the key loses its trailing blanks and "(N)" count, read from the right: the regex this
 * replaces, /^(.*?)\s*(?:\(\d+\))?\s*:\s*(.*)$/, gave the same split but took cubic time on a line of blanks.
 */
export function splitKey(text: string): { key: string; value: string | null } {
  const eq = text.indexOf(' = ');
  if (eq >= 0) return { key: text.slice(0, eq).trim(), value: text.slice(eq + 3).trim() };
  if (text.endsWith(' =')) return { key: text.slice(0, -2).trim(), value: '' };
  const colon = text.indexOf(':');
  if (colon < 0) return { key: text, value: null };
  let key = text.slice(0, colon).trimEnd();
  const count = /\((\d+)\)$/.exec(key.slice(Math.max(0, key.lastIndexOf('('))));
  if (count) key = key.slice(0, key.length - count[0].length).trimEnd();
  const value = text.slice(colon + 1).trimStart();
  return { key, value: value === '' ? null : value };
}

export function parseDumpTree(text: string): DumpSection[] {
  const sections: DumpSection[] = [];
  let section: DumpSection | null = null;
  let entry: DumpEntry | null = null;
  let prop: DumpProperty | null = null;
  let skipping = false; // inside a secret property: its items are dropped as well
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    const body = raw.replace(/\r$/, '');
    if (body.trim() === '') continue;
    const name = sectionName(body);
    if (name !== null) {
      section = { name, line, entries: [] };
      sections.push(section);
      entry = prop = null;
      continue;
    }
    const indent = body.length - body.trimStart().length;
    if (!section) throw new ParseError('not a keepalived data dump: no "------< ... >------" section header', line);
    if (indent === 0) throw new ParseError('unexpected text at the start of a line in a keepalived dump', line);
    const { key, value } = splitKey(body.trim());
    if (indent <= 2) {
      entry = { key, value, line, items: [], props: [] };
      section.entries.push(entry);
      prop = null;
      skipping = false;
    } else if (indent <= 4) {
      if (!entry) throw new ParseError(`property outside any entry in section "${section.name}"`, line);
      skipping = SECRET_KEYS.test(key);
      if (skipping) continue;
      prop = { key, value, line, items: [] };
      entry.props.push(prop);
    } else {
      if (skipping) continue;
      const owner = prop ?? entry;
      if (!owner) throw new ParseError(`list item outside any entry in section "${section.name}"`, line);
      owner.items.push({ text: body.trim(), line });
    }
  }
  return sections;
}

/** Property lookup helpers for one entry. */
export function prop(entry: DumpEntry, key: string): DumpProperty | undefined {
  return entry.props.find((p) => p.key === key);
}

export function requireValue(entry: DumpEntry, key: string): { value: string; line: number } {
  const p = prop(entry, key);
  if (!p || p.value === null) {
    throw new ParseError(`"${entry.value ?? entry.key}" has no "${key}" (truncated dump?)`, entry.line);
  }
  return { value: p.value, line: p.line };
}

export function toInt(value: string, what: string, line: number): number {
  if (!/^-?\d+$/.test(value)) throw new ParseError(`${what}: "${value}" is not a whole number`, line);
  return Number(value);
}
