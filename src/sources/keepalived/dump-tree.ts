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

const SECTION = /^-+<\s*(.+?)\s*>-+$/;
const SECRET_KEYS = /^(password|auth_pass|auth data)$/i;

function splitKey(text: string): { key: string; value: string | null } {
  const eq = text.indexOf(' = ');
  if (eq >= 0) return { key: text.slice(0, eq).trim(), value: text.slice(eq + 3).trim() };
  if (text.endsWith(' =')) return { key: text.slice(0, -2).trim(), value: '' };
  // "Tracked scripts :", "Virtual IP (2):", "Flags: none"
  const header = /^(.*?)\s*(?:\(\d+\))?\s*:\s*(.*)$/.exec(text);
  if (header) return { key: header[1] ?? '', value: header[2] === '' ? null : (header[2] ?? null) };
  return { key: text, value: null };
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
    const header = SECTION.exec(body);
    if (header) {
      section = { name: header[1] ?? '', line, entries: [] };
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
