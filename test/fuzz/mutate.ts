// Mutations of recorded daemon output (fixtures/) for the parser fuzz suite: long blank runs, line ends and
// control characters where none belong, truncation, duplicated lines, random bytes, huge lines, and for JSON a
// field swapped for any JSON value. A mutation is plain data (fast-check makes it from the fixed seed), so a
// failure names the fixture and the mutation list, which rebuild the input exactly.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';

export const FIXTURES = new URL('../../fixtures/', import.meta.url);

export function fixture(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

export type Mutation =
  | { op: 'run'; at: number; unit: string; length: number }
  | { op: 'repeat'; at: number; from: number; size: number; length: number }
  | { op: 'char'; at: number; char: string }
  | { op: 'truncate'; at: number }
  | { op: 'lines'; line: number; times: number }
  | { op: 'bytes'; at: number; cut: number; text: string }
  | { op: 'hugeLine'; line: number; length: number }
  | { op: 'json'; path: number; value: unknown };

const BLANKS = [' ', '\t', '  \t', '\n', '\r\n', ' \n', '\n\n\n', '\u00a0', '\v', '\f', ' \r'];
const ODD = ['\r', '\u2028', '\u2029', '\0', '\x1b', '\ufffd', '\ud800', '\ufeff', '"', "'", '#', '{', '}', '[', ']', '(', ')', ':', '=', ',', '\\', '%', '!', '-'];

/** Mostly short, now and then long enough that a quadratic parser would blow the time bound. */
const runLength = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 300 }), weight: 40 },
  { arbitrary: fc.integer({ min: 2_000, max: 10_000 }), weight: 2 },
  { arbitrary: fc.integer({ min: 30_000, max: 100_000 }), weight: 1 },
);
/** Inputs stay under this many characters: big enough for a quadratic parser to take seconds, no bigger. */
const MAX_LENGTH = 150_000;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('run' as const), at: fc.nat(), unit: fc.constantFrom(...BLANKS), length: runLength }), weight: 12 },
  // A run of the fixture's own tokens ("[", " from ", "(1", ":"...): what a parser's grammar is most likely to
  // backtrack on.
  { arbitrary: fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), from: fc.nat(), size: fc.integer({ min: 1, max: 12 }), length: runLength }), weight: 10 },
  { arbitrary: fc.record({ op: fc.constant('char' as const), at: fc.nat(), char: fc.constantFrom(...ODD) }), weight: 12 },
  { arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('lines' as const), line: fc.nat(), times: fc.oneof({ arbitrary: fc.integer({ min: 2, max: 20 }), weight: 9 }, { arbitrary: fc.integer({ min: 200, max: 2_000 }), weight: 1 }) }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('bytes' as const), at: fc.nat(), cut: fc.integer({ min: 0, max: 20 }), text: fc.string({ unit: 'binary', maxLength: 40 }) }), weight: 8 },
  { arbitrary: fc.record({ op: fc.constant('hugeLine' as const), line: fc.nat(), length: fc.integer({ min: 20_000, max: 100_000 }) }), weight: 1 },
);

const jsonMutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constant('json' as const),
  path: fc.nat(),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)),
});

export function mutations(json = false): fc.Arbitrary<Mutation[]> {
  const one = json ? fc.oneof({ arbitrary: jsonMutation, weight: 3 }, { arbitrary: mutation, weight: 2 }) : mutation;
  return fc.array(one, { minLength: 1, maxLength: 3 });
}

/** Every object and array of a JSON document, with a way to replace (or delete) one of its members. */
function containers(doc: unknown, out: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = []) {
  if (Array.isArray(doc)) {
    doc.forEach((v, i) => {
      out.push({ parent: doc, key: i });
      containers(v, out);
    });
  } else if (doc !== null && typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc)) {
      out.push({ parent: doc as Record<string, unknown>, key: k });
      containers(v, out);
    }
  }
  return out;
}

export function applyMutation(text: string, m: Mutation, maxLength = MAX_LENGTH): string {
  const out = mutate(text, m);
  return out.length > maxLength ? out.slice(0, maxLength) : out;
}

function mutate(text: string, m: Mutation): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  const splice = (p: number, cut: number, insert: string) => text.slice(0, p) + insert + text.slice(p + cut);
  const lines = () => text.split('\n');
  switch (m.op) {
    case 'run':
      return splice(at(m.at), 0, m.unit.repeat(Math.ceil(m.length / m.unit.length)));
    case 'repeat': {
      const from = at(m.from);
      const unit = text.slice(from, from + m.size) || ' ';
      return splice(at(m.at), 0, unit.repeat(Math.ceil(m.length / unit.length)));
    }
    case 'char':
      return splice(at(m.at), 0, m.char);
    case 'truncate':
      return text.slice(0, at(m.at));
    case 'lines': {
      const all = lines();
      const i = m.line % all.length;
      const times = Math.min(m.times, Math.ceil(MAX_LENGTH / (all[i]!.length + 1)));
      all.splice(i, 0, ...new Array<string>(times - 1).fill(all[i]!));
      return all.join('\n');
    }
    case 'bytes':
      return splice(at(m.at), m.cut, m.text);
    case 'hugeLine': {
      const all = lines();
      const i = m.line % all.length;
      const line = all[i] || 'x ';
      all[i] = line.repeat(Math.ceil(m.length / line.length));
      return all.join('\n');
    }
    case 'json': {
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        return text;
      }
      const slots = containers(doc);
      if (slots.length === 0) return text;
      const { parent, key } = slots[m.path % slots.length]!;
      if (m.value === undefined) {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
      } else (parent as Record<string | number, unknown>)[key] = m.value;
      return JSON.stringify(doc, null, 2);
    }
  }
}

/** The mutation list, short enough for a failure message. */
export function describeMutations(ms: readonly Mutation[]): string {
  return JSON.stringify(ms, (_k, v: unknown) => (typeof v === 'string' && v.length > 40 ? `${v.slice(0, 40)}…` : v));
}
