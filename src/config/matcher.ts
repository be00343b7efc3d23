// Proxy-name matchers from `backends:` / `frontends:`. HAProxy names cannot contain '/', so a string that
// starts with '/' is always meant as a /regex/, and a malformed one is an error rather than an exact name that
// silently matches nothing. The operator writes JavaScript syntax; matching runs on re2js in linear time, since
// every fleet build tests every proxy name against every matcher on the UI thread, and a backtracking engine
// would let one careless `/(a+)+$/` freeze lbtop. JavaScript-only constructs (lookaround, backreferences) are
// refused with the reason.
import { RE2JS } from 're2js';
import type { NameMatcher } from '../model/config.js';

/** Only `i`: `g` and `y` would make test() stateful (lastIndex) and skip every other name. */
const REGEX = /^\/(.+)\/(i?)$/s;

export type MatcherResult = { matcher: NameMatcher } | { error: string };

export function parseMatcher(source: string): MatcherResult {
  if (!source.startsWith('/')) {
    return { matcher: { source, test: (name) => name === source } };
  }
  const m = REGEX.exec(source);
  if (!m) {
    return { error: `"${source}" is not a /regex/ (write /pattern/ or /pattern/i; proxy names never contain "/")` };
  }
  try {
    // Compiled only, never run: JavaScript's own words for a syntax error the operator will recognise.
    new RegExp(m[1]!, m[2]);
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    return { error: `invalid regex ${source}: ${reason}` };
  }
  try {
    // Unanchored, as grep: /_k8s01_dev_/ claims http_k8s01_dev_backend. Anchor with ^ and $ when needed.
    const regex = RE2JS.compile(RE2JS.translateRegExp(m[1]!), m[2] ? RE2JS.CASE_INSENSITIVE : 0);
    return { matcher: { source, test: (name) => regex.test(name) } };
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    return { error: `invalid regex ${source}: lbtop matches names in linear time, without lookaround or backreferences (${reason})` };
  }
}

export function isRegexMatcher(source: string): boolean {
  return source.startsWith('/');
}
