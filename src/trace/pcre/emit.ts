// The tree of pcre/ast.ts written back as RE2 syntax for re2js, in a canonical form that leaves RE2 nothing to
// interpret: every byte as \x{hh} inside an explicit class (case folding already done), no flags, `\A` and `\z`
// for the anchors, capturing groups in PCRE's order so capture numbers agree.
import type { ByteSet, Node } from './ast.js';

const hx = (b: number) => `\\x{${b.toString(16)}}`;
// Matches nothing: RE2 has no `[]`.
const NEVER = '[^\\x{0}-\\x{10ffff}]';

function setText(bytes: ByteSet): string {
  const ranges: string[] = [];
  for (let b = 0; b < 256; b++) {
    if (!bytes[b]) continue;
    let end = b;
    while (end + 1 < 256 && bytes[end + 1]) end++;
    ranges.push(end === b ? hx(b) : `${hx(b)}-${hx(end)}`);
    b = end;
  }
  return ranges.length === 0 ? NEVER : `[${ranges.join('')}]`;
}

/** With `notbol` (PCRE2_NOTBOL, regsub after its first round) `^` can never match; `\A` still can. */
export function emitRe2(node: Node, notbol = false): string {
  const emit = (n: Node) => emitRe2(n, notbol);
  switch (node.t) {
    case 'set':
      return setText(node.bytes);
    case 'seq':
      return node.items.length === 0 ? '(?:)' : node.items.map(emit).join('');
    case 'alt':
      return `(?:${node.alts.map(emit).join('|')})`;
    case 'group':
      return node.capture === null ? `(?:${emit(node.body)})` : `(${emit(node.body)})`;
    case 'assert':
      return { start: '\\A', bol: notbol ? NEVER : '\\A', end: '\\z', word: '\\b', nonword: '\\B' }[node.kind];
    case 'repeat': {
      const count = node.min === 0 && node.max === Infinity ? '*'
        : node.min === 1 && node.max === Infinity ? '+'
          : node.min === 0 && node.max === 1 ? '?'
            : node.max === Infinity ? `{${node.min},}`
              : node.min === node.max ? `{${node.min}}` : `{${node.min},${node.max}}`;
      return `(?:${emit(node.body)})${count}${node.greedy ? '' : '?'}`;
    }
  }
}
