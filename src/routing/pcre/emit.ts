// The tree of pcre/ast.ts written back as RE2 syntax for re2js, in a canonical form that leaves RE2 nothing to
// interpret: every byte as \x{hh} inside an explicit class (case folding already done), no flags, `\A` and `\z`
// for the anchors, capturing groups in PCRE's order so capture numbers agree.
import type { ByteSet, Node } from './ast.js';

const hx = (b: number) => `\\x{${b.toString(16)}}`;

function setText(bytes: ByteSet): string {
  const ranges: string[] = [];
  for (let b = 0; b < 256; b++) {
    if (!bytes[b]) continue;
    let end = b;
    while (end + 1 < 256 && bytes[end + 1]) end++;
    ranges.push(end === b ? hx(b) : `${hx(b)}-${hx(end)}`);
    b = end;
  }
  // An empty class (`[^\x00-\xff]`) matches nothing; RE2 has no `[]`.
  return ranges.length === 0 ? '[^\\x{0}-\\x{10ffff}]' : `[${ranges.join('')}]`;
}

export function emitRe2(node: Node): string {
  switch (node.t) {
    case 'set':
      return setText(node.bytes);
    case 'seq':
      return node.items.length === 0 ? '(?:)' : node.items.map(emitRe2).join('');
    case 'alt':
      return `(?:${node.alts.map(emitRe2).join('|')})`;
    case 'group':
      return node.capture === null ? `(?:${emitRe2(node.body)})` : `(${emitRe2(node.body)})`;
    case 'assert':
      return { start: '\\A', end: '\\z', word: '\\b', nonword: '\\B' }[node.kind];
    case 'repeat': {
      const count = node.min === 0 && node.max === Infinity ? '*'
        : node.min === 1 && node.max === Infinity ? '+'
          : node.min === 0 && node.max === 1 ? '?'
            : node.max === Infinity ? `{${node.min},}`
              : node.min === node.max ? `{${node.min}}` : `{${node.min},${node.max}}`;
      return `(?:${emitRe2(node.body)})${count}${node.greedy ? '' : '?'}`;
    }
  }
}
