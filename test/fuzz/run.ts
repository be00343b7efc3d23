// The fuzz suite's runner: a fixed seed (CI sees the same inputs on every run), every call timed on its own, and
// failures collected as data rather than thrown at fast-check, which would print (and try to shrink) inputs of
// 100,000 characters. A parser passes when every input either parses or throws one of the error classes it
// documents (a ParseError with a line number), and no input takes longer than BOUND_MS.
import fc from 'fast-check';
import { expect } from 'vitest';
import { LbtopError, ParseError } from '../../src/model/errors.js';
import { applyMutation, describeMutations, fixture, mutations } from './mutate.js';

export const SEED = 20261207;
/** Any one input, parsed linearly, takes milliseconds; a super-linear parser on a 100k-character run takes seconds. */
export const BOUND_MS = 1000;
/** For a whole target (thousands of inputs): CI shares two cores with the rest of the suite. */
export const TIMEOUT_MS = 120_000;

type ErrorClass = abstract new (...args: never[]) => LbtopError;

export interface Target {
  name: string;
  /** Paths under fixtures/ (or, with `texts`, names of those texts). */
  fixtures: string[];
  /** Seed texts that are not recordings (lbtop's own config files); keyed like `fixtures`. */
  texts?: Record<string, string>;
  parse: (text: string) => unknown;
  /** The errors this parser may throw on bad input; anything else (TypeError, RangeError...) is a failure. */
  errors?: ErrorClass[];
  json?: boolean;
  /** Inputs are cut to this many characters (default: mutate.ts's MAX_LENGTH). */
  maxLength?: number;
  runs: number;
}

export interface FuzzResult {
  inputs: number;
  slowestMs: number;
  failures: string[];
}

export function fuzz(target: Target): FuzzResult {
  const texts = target.fixtures.map((path) => ({ path, text: target.texts?.[path] ?? fixture(path) }));
  const allowed = [ParseError, ...(target.errors ?? [])];
  const result: FuzzResult = { inputs: 0, slowestMs: 0, failures: [] };
  fc.assert(
    fc.property(fc.nat({ max: texts.length - 1 }), mutations(target.json), (which, ms) => {
      if (result.failures.length >= 5) return;
      const source = texts[which]!;
      let text = source.text;
      for (const m of ms) text = applyMutation(text, m, target.maxLength);
      const what = `${target.name} on ${source.path} ${describeMutations(ms)} (${text.length} chars)`;
      const started = performance.now();
      let failure: string | null = null;
      try {
        target.parse(text);
      } catch (error) {
        failure = unexpected(error, allowed, text);
      }
      const ms_ = performance.now() - started;
      result.inputs++;
      result.slowestMs = Math.max(result.slowestMs, ms_);
      if (ms_ > BOUND_MS) failure = `took ${Math.round(ms_)} ms`;
      if (failure) result.failures.push(`${what}: ${failure}`);
    }),
    { seed: SEED, numRuns: target.runs },
  );
  return result;
}

function unexpected(error: unknown, allowed: ErrorClass[], text: string): string | null {
  if (!allowed.some((cls) => error instanceof cls)) {
    const e = error as Error;
    return `threw ${e?.constructor?.name ?? typeof error}: ${String(e?.message).slice(0, 200)}\n${String(e?.stack).split('\n').slice(1, 4).join('\n')}`;
  }
  if (error instanceof ParseError) {
    const lines = text.split('\n').length;
    if (!Number.isInteger(error.line) || error.line < 1 || error.line > lines + 1) return `ParseError with line ${error.line} (text has ${lines} lines)`;
  }
  return null;
}

/** Runs a target and checks it; returns the counts for the suite's summary line. */
export function expectRobust(target: Target): FuzzResult {
  const result = fuzz(target);
  expect(result.failures).toEqual([]);
  expect(result.inputs).toBe(target.runs);
  return result;
}
