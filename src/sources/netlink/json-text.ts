// JSON.parse with a ParseError that carries a 1-based line, for the daemons that answer in JSON (`ip -j`,
// keepalived's JSON dump), plus small typed readers so a wrong field type is a ParseError too, never a TypeError
// three layers later.
import { ParseError } from '../../model/errors.js';

/** Line of a character offset (1-based). */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/**
 * The line of every occurrence of `needle`, in order, counted in one pass. Finding the n-th one from the start for
 * each n (and counting its line from the start) was quadratic in the number of objects: ~10,000 interfaces.
 */
export function linesOf(text: string, needle: string): number[] {
  const out: number[] = [];
  let line = 1;
  let counted = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    for (; counted < at; counted++) if (text.charCodeAt(counted) === 10) line++;
    out.push(line);
  }
  return out;
}

function lastLine(text: string): number {
  return lineAt(text, text.trimEnd().length);
}

export function parseJsonText(text: string, what: string): unknown {
  if (text.trim() === '') throw new ParseError(`${what}: empty reply`, 1);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // V8 names the offset for most errors; "Unexpected end" means the reply was cut short. The message itself is
    // not repeated: V8 quotes the surrounding text, which for keepalived could include auth_data.
    const at = /at position (\d+)/.exec(message);
    const end = text.trimEnd().length;
    if (/Unexpected end of JSON input/.test(message) || (at && Number(at[1]) >= end)) {
      throw new ParseError(`${what}: JSON ends early (truncated reply?)`, lastLine(text));
    }
    throw new ParseError(`${what}: not valid JSON`, at ? lineAt(text, Number(at[1])) : 1);
  }
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Typed field readers; `where` names the object in the message ("ip -j addr: interface 2"). */
export class JsonFields {
  constructor(
    private readonly obj: JsonObject,
    private readonly where: string,
    private readonly line: number,
  ) {}

  private fail(key: string, expected: string): never {
    throw new ParseError(`${this.where}: "${key}" is not ${expected}`, this.line);
  }

  string(key: string): string {
    const v = this.obj[key];
    return typeof v === 'string' ? v : this.fail(key, 'a string');
  }

  optString(key: string): string | null {
    return this.obj[key] === undefined ? null : this.string(key);
  }

  number(key: string): number {
    const v = this.obj[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : this.fail(key, 'a number');
  }

  optNumber(key: string): number | null {
    return this.obj[key] === undefined ? null : this.number(key);
  }

  /** keepalived writes some flags as true/false and others as 0/1. */
  flag(key: string): boolean {
    const v = this.obj[key];
    if (v === undefined) return false;
    if (typeof v === 'boolean') return v;
    if (v === 0 || v === 1) return v === 1;
    return this.fail(key, 'a boolean');
  }

  strings(key: string): string[] {
    const v = this.obj[key];
    if (v === undefined) return [];
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
    return this.fail(key, 'a list of strings');
  }

  array(key: string): unknown[] {
    const v = this.obj[key];
    if (v === undefined) return [];
    return Array.isArray(v) ? v : this.fail(key, 'a list');
  }
}
