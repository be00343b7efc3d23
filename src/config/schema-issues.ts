// Ajv's errors → ConfigIssues an operator can act on: positioned on the YAML node, worded in YAML terms
// ("a map", "a list"), one message per mistake.
import type { ErrorObject } from 'ajv';
import type { ConfigIssue } from '../model/config.js';
import { formatPath, type Segment } from './path-text.js';

/** Where a path is in the source text; flags validated against the schema have no text and answer 0:0. */
export type Locator = (path: readonly Segment[], opts: { key?: boolean }) => { line: number; column: number };

const TYPE_WORDS: Record<string, string> = {
  object: 'a map',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
};

export function schemaIssues(errors: readonly ErrorObject[], data: unknown, locate: Locator): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // The failing branches of a oneOf/anyOf only say why each alternative did not fit; the oneOf/anyOf error
    // itself carries the message that explains the rule. A failed propertyNames is reported twice by Ajv; the
    // inner error (with propertyName) has the pattern's message.
    if (/\/(oneOf|anyOf)\/\d+\//.test(e.schemaPath) || e.keyword === 'propertyNames') continue;
    const path = toSegments(e.instancePath, data);
    let message: string;
    let onKey = false;
    if (e.keyword === 'additionalProperties') {
      const key = String(e.params.additionalProperty);
      path.push(key);
      onKey = true;
      message = `unknown key "${key}"${suggestion(key, Object.keys(e.parentSchema?.properties ?? {}))}`;
    } else if (e.propertyName !== undefined) {
      path.push(e.propertyName);
      onKey = true;
      message = `invalid name "${e.propertyName}": ${annotated(e) ?? e.message}`;
    } else if (e.keyword === 'required') {
      message = `missing required key "${String(e.params.missingProperty)}"`;
    } else if (e.keyword === 'type') {
      const types = ([] as string[]).concat(e.params.type as string | string[]);
      message = `must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}`;
    } else {
      message = annotated(e) ?? plain(e);
    }
    const issue: ConfigIssue = { ...locate(path, { key: onKey }), path: formatPath(path), message };
    const id = `${issue.path}\0${issue.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(issue);
    }
  }
  return out;
}

/** The schema's errorMessage annotation for this failure, if the failing schema has one. */
function annotated(e: ErrorObject): string | undefined {
  const text: unknown = e.parentSchema?.errorMessage;
  return typeof text === 'string' ? text : undefined;
}

function plain(e: ErrorObject): string {
  if ((e.keyword === 'minLength' || e.keyword === 'minItems') && e.params.limit === 1) return 'must not be empty';
  return e.message ?? `fails ${e.keyword}`;
}

/** JSON Pointer → segments; an index into a list becomes a number so it prints as `backends[2]`. */
function toSegments(pointer: string, data: unknown): Segment[] {
  const out: Segment[] = [];
  let here = data;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const index = Array.isArray(here) ? Number(seg) : undefined;
    out.push(index ?? seg);
    here = here && typeof here === 'object' ? (here as Record<string, unknown>)[seg] : undefined;
  }
  return out;
}

/** ` (did you mean "socket"?)` for a key one or two edits away from an allowed one: typos, not guesses. */
export function suggestion(key: string, allowed: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const d = distance(key.toLowerCase(), candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  if (best) return ` (did you mean "${best}"?)`;
  return allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : '';
}

/** Levenshtein distance; the strings are config keys, a few characters long. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
