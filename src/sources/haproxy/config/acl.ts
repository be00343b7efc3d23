// `acl NAME CRITERION [flags] [patterns]` and `if|unless` conditions, after HAProxy's acl.c: flags come first
// (`-i`, `-f FILE`, `-m METHOD`, `-n`, `-M`, `-u ID`, `--` ends them); a condition is OR (`||` / `or`) of groups
// of AND-ed terms, each optionally negated by `!` (alone or glued to the name), a term being an ACL name or an
// anonymous ACL between `{` and `}` words. There are no parentheses in HAProxy's grammar.
import { ParseError } from '../../../model/errors.js';
import type { AclDef, Condition, ConditionTerm, MatchMethod } from '../../../model/haproxy-config.js';
import { defaultMethod, parseSampleExpr, splitAclKeyword } from './sample-expr.js';

const METHODS = new Set<MatchMethod>(['str', 'beg', 'end', 'sub', 'dir', 'dom', 'reg', 'found', 'len', 'int', 'ip', 'bool', 'bin']);

/** Parses the words after `acl NAME` (or inside `{ }`): criterion, flags, patterns. */
export function parseAclBody(name: string, words: string[], line: number): AclDef {
  const [criterion, ...rest] = words;
  if (!criterion) throw new ParseError(name ? `acl "${name}" has no criterion` : 'empty anonymous ACL "{ }"', line);
  const keyword = /^([^(,]+)(.*)$/s.exec(criterion)!;
  const split = splitAclKeyword(keyword[1]!);
  const sample = parseSampleExpr(split.fetch + keyword[2], line);
  sample.text = criterion;
  let method: MatchMethod | null = split.method;
  let ignoreCase = false;
  const files: string[] = [];
  const flags: string[] = [];
  let i = 0;
  const needArg = (flag: string) => {
    const arg = rest[i + 1];
    if (arg === undefined) throw new ParseError(`ACL flag ${flag} needs an argument`, line);
    flags.push(flag, arg);
    i += 2;
    return arg;
  };
  while (i < rest.length && rest[i]!.startsWith('-')) {
    const flag = rest[i]!;
    if (flag === '--') {
      flags.push(flag);
      i++;
      break;
    }
    if (flag === '-i' || flag === '-n' || flag === '-M') {
      if (flag === '-i') ignoreCase = true;
      flags.push(flag);
      i++;
    } else if (flag === '-f') files.push(needArg(flag));
    else if (flag === '-u') needArg(flag);
    else if (flag === '-m') {
      const m = needArg(flag);
      if (!METHODS.has(m as MatchMethod)) throw new ParseError(`unknown ACL match method "-m ${m}"`, line);
      method = m as MatchMethod;
    } else {
      throw new ParseError(`"${flag}" is not a valid ACL flag (put "--" before a pattern that starts with "-")`, line);
    }
  }
  return {
    line,
    name,
    sample,
    method: method ?? defaultMethod(sample),
    ignoreCase,
    files,
    patterns: rest.slice(i),
    flags,
  };
}

/** Parses `if|unless ...` words (starting at the keyword). */
export function parseCondition(words: string[], line: number): Condition {
  const [polarity, ...rest] = words;
  if (polarity !== 'if' && polarity !== 'unless') throw new ParseError(`expected "if" or "unless", got "${polarity}"`, line);
  if (rest.length === 0) throw new ParseError(`missing condition after "${polarity}"`, line);
  const groups: ConditionTerm[][] = [[]];
  let negate = false;
  for (let i = 0; i < rest.length; i++) {
    let word = rest[i]!;
    while (word.startsWith('!')) {
      negate = !negate;
      word = word.slice(1);
    }
    if (word === '') continue;
    if (word === '||' || word.toLowerCase() === 'or') {
      if (negate || groups[groups.length - 1]!.length === 0) throw new ParseError(`"${word}" with no ACL before it`, line);
      groups.push([]);
      continue;
    }
    if (word === '{') {
      const close = rest.indexOf('}', i + 1);
      if (close < 0) throw new ParseError('anonymous ACL "{" is never closed by "}"', line);
      groups[groups.length - 1]!.push({ negate, anonymous: parseAclBody('', rest.slice(i + 1, close), line) });
      i = close;
    } else if (word === '}') {
      throw new ParseError('"}" without "{"', line);
    } else {
      groups[groups.length - 1]!.push({ negate, acl: word });
    }
    negate = false;
  }
  if (negate || groups[groups.length - 1]!.length === 0) throw new ParseError(`condition "${rest.join(' ')}" ends without an ACL`, line);
  return { polarity, anyOf: groups, text: words.join(' ') };
}

/** Splits rule words at the first `if`/`unless`: the action part and the condition (or null). */
export function splitCondition(words: string[], line: number): { head: string[]; condition: ReturnType<typeof parseCondition> | null } {
  const at = words.findIndex((w) => w === 'if' || w === 'unless');
  if (at < 0) return { head: words, condition: null };
  return { head: words.slice(0, at), condition: parseCondition(words.slice(at), line) };
}

/** ACLs HAProxy predefines (acl.c default_acl_list); a declared ACL of the same name takes precedence. */
export const PREDEFINED_ACLS = new Set([
  'TRUE', 'FALSE', 'HTTP', 'HTTP_1.0', 'HTTP_1.1', 'HTTP_2.0', 'HTTP_3.0', 'HTTP_CONTENT', 'HTTP_URL_ABS',
  'HTTP_URL_SLASH', 'HTTP_URL_STAR', 'LOCALHOST', 'METH_CONNECT', 'METH_DELETE', 'METH_GET', 'METH_HEAD',
  'METH_OPTIONS', 'METH_POST', 'METH_PUT', 'METH_TRACE', 'RDP_COOKIE', 'REQ_CONTENT', 'WAIT_END',
]);
