// lbtop.yaml as a YAML document that remembers where every node came from, so an issue found on the plain
// data (by Ajv or by semantic.ts) can be pinned to the line and column the operator has to edit.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ConfigIssue } from '../model/config.js';
import { formatPath, type Segment } from './path-text.js';

export { formatPath, type Segment };

export interface YamlSource {
  doc: Document.Parsed;
  lines: LineCounter;
  /** Syntax errors, duplicate keys and YAML warnings, already positioned. */
  issues: ConfigIssue[];
}

export function parseYaml(text: string): YamlSource {
  const lines = new LineCounter();
  // uniqueKeys: false so duplicates are reported below with their full path and both lines, not as the
  // bare "Map keys must be unique". merge: true so `<<: *anchor` works for sharing settings between LBs.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, merge: true });
  const issues: ConfigIssue[] = [];
  for (const [list, severity] of [
    [doc.errors, 'error'],
    [doc.warnings, 'warning'],
  ] as const) {
    for (const e of list) {
      const { line, col } = lines.linePos(e.pos[0]);
      const issue: ConfigIssue = { line, column: col, path: '', message: yamlMessage(e.message) };
      issues.push(severity === 'warning' ? { ...issue, severity } : issue);
    }
  }
  findDuplicateKeys(doc.contents, [], lines, issues);
  return { doc, lines, issues };
}

/** The yaml library's messages repeat the position we already give; keep the first sentence. */
function yamlMessage(message: string): string {
  return message.replace(/ at line \d+, column \d+.*$/s, '');
}

function findDuplicateKeys(node: unknown, path: Segment[], lines: LineCounter, out: ConfigIssue[]): void {
  if (isSeq(node)) {
    node.items.forEach((item, i) => findDuplicateKeys(item, [...path, i], lines, out));
  } else if (isMap(node)) {
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined || key === '<<') {
        continue; // complex keys cannot come from our schema anyway; several merge keys are legal
      }
      const at = positionOf(pair.key as Node, lines);
      const first = seen.get(key);
      if (first !== undefined) {
        const message = `duplicate key "${key}" (first at line ${first})`;
        out.push({ ...at, path: formatPath([...path, key]), message });
      } else {
        seen.set(key, at.line);
      }
      findDuplicateKeys(pair.value, [...path, key], lines, out);
    }
  }
}

/**
 * The 1-based position for an issue at `path`. A scalar value is pointed at itself (`interval: fast` → the
 * value); a map, a list or an empty value at its key (`haproxy:` → the key, where the operator looks). With
 * `key: true` the key is preferred even for scalars (unknown keys). A path that does not exist in the text
 * (a key brought in by a `<<` merge) falls back to the deepest ancestor that does.
 */
export function locate(
  src: YamlSource,
  path: readonly Segment[],
  opts: { key?: boolean } = {},
): { line: number; column: number } {
  let node: unknown = src.doc.contents;
  let keyNode: unknown;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(src.doc);
    let next: unknown;
    let nextKey: unknown;
    if (isMap(node)) {
      // The last pair wins, as in the data Ajv saw.
      const pair = node.items.filter((p) => isScalar(p.key) && String(p.key.value) === String(seg)).pop();
      next = pair?.value;
      nextKey = pair?.key;
    } else if (isSeq(node)) {
      next = node.items[Number(seg)];
    }
    if (next === undefined && nextKey === undefined) break;
    node = next;
    keyNode = nextKey;
  }
  const valueIsText = isScalar(node) && node.value !== null;
  const target = (opts.key || !valueIsText) && keyNode ? keyNode : (node ?? keyNode);
  return target && (target as Node).range ? positionOf(target as Node, src.lines) : { line: 1, column: 1 };
}

function positionOf(node: Node, lines: LineCounter): { line: number; column: number } {
  const { line, col } = lines.linePos(node.range?.[0] ?? 0);
  return { line, column: col };
}


/**
 * The keys of the map at `path` in file order. Plain objects list integer-like keys ("1", "2") first, and the
 * order of LBs and clusters is the order the operator wrote and sees on screen.
 */
export function keysInOrder(src: YamlSource, path: readonly Segment[], obj: Record<string, unknown>): string[] {
  const node = src.doc.getIn(path, true);
  const written = isMap(node) ? node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')) : [];
  const keys = Object.keys(obj);
  return [...new Set([...written.filter((k) => keys.includes(k)), ...keys])];
}
