// keepalived.conf's syntax, before meaning: statements of words, one per line, and `{ ... }` blocks that may open
// on the statement's line or the next. `#` and `!` start comments; double (and, as seed configs use them, single)
// quotes group words. Unbalanced braces are reported with the line that opened or closed them.
import { ParseError } from '../../model/errors.js';

export interface ConfNode {
  words: string[];
  /** 1-based line of the first word. */
  line: number;
  /** null: a plain statement; otherwise the block's statements. */
  children: ConfNode[] | null;
}

type Token = { kind: 'word'; text: string } | { kind: 'open' } | { kind: 'close' };

function tokenizeLine(body: string, line: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#' || c === '!') {
      break;
    } else if (c === '{' || c === '}') {
      tokens.push({ kind: c === '{' ? 'open' : 'close' });
      i++;
    } else if (c === '"' || c === "'") {
      const end = body.indexOf(c, i + 1);
      if (end < 0) throw new ParseError('a quoted string is not closed on its line', line);
      tokens.push({ kind: 'word', text: body.slice(i + 1, end) });
      i = end + 1;
    } else {
      let j = i;
      while (j < body.length && !/[\s{}]/.test(body[j] as string)) j++;
      tokens.push({ kind: 'word', text: body.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

export function parseConfTree(text: string): ConfNode[] {
  const root: ConfNode[] = [];
  // Each open block: its statement list and the node that opened it (for the "never closed" line).
  const stack: { list: ConfNode[]; opener: ConfNode | null }[] = [{ list: root, opener: null }];
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    let words: string[] = [];
    const flush = (): ConfNode | null => {
      if (words.length === 0) return null;
      const node: ConfNode = { words, line, children: null };
      (stack[stack.length - 1] as { list: ConfNode[] }).list.push(node);
      words = [];
      return node;
    };
    for (const token of tokenizeLine(raw, line)) {
      if (token.kind === 'word') {
        words.push(token.text);
      } else if (token.kind === 'open') {
        const top = stack[stack.length - 1] as { list: ConfNode[] };
        // A `{` alone on its line opens the block of the statement just before it.
        const owner = flush() ?? top.list[top.list.length - 1];
        if (!owner || owner.children !== null) throw new ParseError('"{" without a keyword before it', line);
        owner.children = [];
        stack.push({ list: owner.children, opener: owner });
      } else {
        flush();
        if (stack.length === 1) throw new ParseError('"}" closes a block that was never opened', line);
        stack.pop();
      }
    }
    flush();
  }
  const open = stack[stack.length - 1]?.opener;
  if (open) {
    throw new ParseError(`block "${open.words[0]}" is never closed (truncated file?)`, open.line);
  }
  return root;
}
