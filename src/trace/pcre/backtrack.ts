// A backtracking search in PCRE's order, with a budget. It answers one question re2js cannot: would HAProxy's
// PCRE2 give up? When pcre2_match stops at its match limit (10,000,000) or overflows the 32 KiB JIT stack, it
// returns an error and HAProxy (regex.h regex_exec2) takes that as "no match". Checked on HAProxy 2.6.12 / PCRE2
// 10.42 JIT: `^(a|b)*$` is false on 1,500 a's (true on 1,000); `(x+x+)+y|z` is false on 30 x's and a z.
// So a match found by the linear engine is only certain when a PCRE-style search finds it cheaply: this one
// walks the same paths PCRE walks (without its optimisations, which only skip work), counts steps and the
// backtracking frames held open by repeated groups and alternatives, and gives up long before PCRE2 would.
import { isWordByte, type AssertKind, type Node } from './ast.js';

/** Far below PCRE2's 10,000,000 (each of its units is at least one of these steps). */
export const MAX_STEPS = 100_000;
/** `^(a|b)*$` overflowed the JIT stack between 1,000 and 1,500 iterations, ~3 frames each here. */
export const MAX_FRAMES = 500;

export class OverBudget extends Error {}

export interface SearchResult {
  /** [start, end] of the whole match and of each group (-1 when a group did not take part), or null. */
  spans: Int32Array | null;
  steps: number;
}

export function search(root: Node, groups: number, subject: string, notbol = false): SearchResult {
  const n = subject.length;
  const caps = new Int32Array(2 * (groups + 1)).fill(-1);
  let steps = 0;
  let frames = 0;
  const tick = (cost = 1) => {
    steps += cost;
    if (steps > MAX_STEPS) throw new OverBudget(`more than ${MAX_STEPS} backtracking steps`);
  };
  const open = () => {
    if (++frames > MAX_FRAMES) throw new OverBudget(`more than ${MAX_FRAMES} nested backtracking frames`);
  };
  const byte = (i: number) => subject.charCodeAt(i);

  const assert = (kind: AssertKind, i: number): boolean => {
    if (kind === 'start') return i === 0;
    if (kind === 'bol') return i === 0 && !notbol;
    if (kind === 'end') return i === n;
    const boundary = (i > 0 && isWordByte(byte(i - 1))) !== (i < n && isWordByte(byte(i)));
    return kind === 'word' ? boundary : !boundary;
  };

  const m = (node: Node, i: number, k: (j: number) => boolean): boolean => {
    tick();
    switch (node.t) {
      case 'set':
        return i < n && node.bytes[byte(i)] === 1 && k(i + 1);
      case 'assert':
        return assert(node.kind, i) && k(i);
      case 'seq':
        return seq(node.items, 0, i, k);
      case 'alt':
        for (let a = 0; a < node.alts.length; a++) {
          const last = a === node.alts.length - 1;
          if (!last) open();
          try {
            if (m(node.alts[a]!, i, k)) return true;
          } finally {
            if (!last) frames--;
          }
        }
        return false;
      case 'group': {
        if (node.capture === null) return m(node.body, i, k);
        const g = 2 * node.capture;
        open();
        try {
          return m(node.body, i, (j) => {
            const [s, e] = [caps[g]!, caps[g + 1]!];
            caps[g] = i;
            caps[g + 1] = j;
            if (k(j)) return true;
            caps[g] = s;
            caps[g + 1] = e;
            return false;
          });
        } finally {
          frames--;
        }
      }
      case 'repeat':
        return node.body.t === 'set' ? single(node.body.bytes, node, i, k) : rep(node, i, 0, k);
    }
  };

  const seq = (items: Node[], at: number, i: number, k: (j: number) => boolean): boolean =>
    at === items.length ? k(i) : m(items[at]!, i, (j) => seq(items, at + 1, j, k));

  // A repeated single byte: PCRE keeps one frame and a count, not one frame per iteration.
  const single = (bytes: Uint8Array, node: Extract<Node, { t: 'repeat' }>, i: number, k: (j: number) => boolean): boolean => {
    let max = 0;
    while (max < node.max && i + max < n && bytes[byte(i + max)] === 1) max++;
    tick(max);
    if (max < node.min) return false;
    for (let c = node.greedy ? max : node.min; node.greedy ? c >= node.min : c <= max; c += node.greedy ? -1 : 1) {
      tick();
      if (k(i + c)) return true;
    }
    return false;
  };

  const rep = (node: Extract<Node, { t: 'repeat' }>, i: number, count: number, k: (j: number) => boolean): boolean => {
    const again = (): boolean => {
      if (count >= node.max) return false;
      open();
      try {
        // An iteration that matched nothing ends the loop, as in PCRE.
        return m(node.body, i, (j) => (j === i && count + 1 >= node.min ? k(j) : rep(node, j, count + 1, k)));
      } finally {
        frames--;
      }
    };
    if (count < node.min) return again();
    return node.greedy ? again() || k(i) : k(i) || again();
  };

  for (let start = 0; start <= n; start++) {
    let end = -1;
    if (m(root, start, (j) => ((end = j), true))) {
      caps[0] = start;
      caps[1] = end;
      return { spans: caps, steps };
    }
  }
  return { spans: null, steps };
}
