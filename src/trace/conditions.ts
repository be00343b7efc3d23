// ACLs and `if|unless` conditions for a traced request. Three-valued: an ACL whose fetch lbtop cannot evaluate
// is 'unknown', and so is any AND/OR it could swing. Semantics from HAProxy's acl.c:
// - several `acl` lines with one name are OR-ed; inside one line, the patterns are OR-ed;
// - an ACL whose fetch yields nothing is false, so `!acl` is then true;
// - patterns from `-f FILE` are the file's live contents (`show acl FILE`), tried before the inline ones;
// - a declared ACL shadows a predefined one of the same name (TRUE, HTTP, METH_GET...).
import type { AclDef, Condition, ProxySection } from '../model/haproxy-config.js';
import type { AclLineEval, ConditionEval, TermEval, Tri } from '../model/trace.js';
import { PREDEFINED_ACLS } from '../sources/haproxy/config/acl.js';
import { matchPatterns } from './patterns.js';
import { evaluateSample, type SampleContext } from './samples.js';

export function and(values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.includes('unknown') ? 'unknown' : true;
}

export function or(values: Tri[]): Tri {
  if (values.includes(true)) return true;
  return values.includes('unknown') ? 'unknown' : false;
}

export function not(value: Tri): Tri {
  return value === 'unknown' ? 'unknown' : !value;
}

function aclText(acl: AclDef): string {
  return [acl.sample.text, ...acl.flags, ...acl.patterns].join(' ');
}

export function evaluateAcl(acl: AclDef, ctx: SampleContext): AclLineEval {
  const sample = evaluateSample(acl.sample, { ...ctx, forAcl: true });
  const base = { line: acl.line, text: aclText(acl), sample };
  if (sample.unknown) return { ...base, result: 'unknown', reason: sample.unknown };
  if (sample.values === null) return { ...base, result: false, reason: sample.reason ?? 'the fetch returned nothing' };
  if (acl.method === null) return { ...base, result: 'unknown', reason: `no match method known for ${acl.sample.fetch} (add -m)` };
  if (acl.method === 'found') return { ...base, result: true, reason: 'the sample exists (-m found)' };
  if (acl.method === 'bool') {
    const result = sample.values.some((v) => v !== '' && v !== '0');
    return { ...base, result, reason: `the sample is ${result ? 'true' : 'false'}` };
  }
  const sources: { source: string; entries: readonly { key: string }[] }[] = [];
  let missing: string | null = null;
  for (const file of acl.files) {
    const entries = ctx.tables.get(file);
    if (entries) sources.push({ source: file, entries });
    else missing = file;
  }
  sources.push({ source: 'inline', entries: acl.patterns.map((key) => ({ key })) });
  for (const value of sample.values) {
    for (const { source, entries } of sources) {
      const outcome = matchPatterns(acl.method, acl.ignoreCase, value, entries);
      if ('unknown' in outcome) return { ...base, result: 'unknown', reason: outcome.unknown };
      if (outcome.hit) {
        const hit = { pattern: outcome.hit.key, source, index: outcome.hit.index };
        return { ...base, result: true, hit, reason: `${JSON.stringify(value)} matches ${JSON.stringify(hit.pattern)} (-m ${acl.method}${acl.ignoreCase ? ' -i' : ''}${source === 'inline' ? '' : ` from ${source}`})` };
      }
    }
  }
  if (missing) return { ...base, result: 'unknown', reason: `the patterns of ${missing} are not known (not in "show acl")` };
  return { ...base, result: false, reason: `${sample.values.map((v) => JSON.stringify(v)).join(', ')} matches no pattern (-m ${acl.method}${acl.ignoreCase ? ' -i' : ''})` };
}

function predefined(name: string, ctx: SampleContext): { result: Tri; reason: string } | null {
  const http = ctx.mode === 'http';
  const method = ctx.request.method ?? 'GET';
  switch (name) {
    case 'TRUE':
      return { result: true, reason: 'always true' };
    case 'FALSE':
      return { result: false, reason: 'always false' };
    case 'HTTP':
    case 'HTTP_1.1':
      return { result: http, reason: http ? 'an HTTP/1.1 request' : 'not HTTP: TCP-mode frontend' };
    case 'HTTP_1.0':
    case 'HTTP_2.0':
    case 'HTTP_3.0':
      return { result: false, reason: 'the traced request is HTTP/1.1' };
    case 'HTTP_URL_SLASH':
      return { result: http && (ctx.request.path ?? '/').startsWith('/'), reason: 'the URL starts with "/"' };
    default:
      if (name.startsWith('METH_')) return { result: http && method === name.slice(5), reason: `the method is ${method}` };
      if (name === 'WAIT_END') return { result: 'unknown', reason: 'WAIT_END is true only once tcp-request inspect-delay expires' };
      if (PREDEFINED_ACLS.has(name)) return { result: 'unknown', reason: `predefined ACL ${name} is not evaluated by lbtop` };
      return null;
  }
}

export function evaluateCondition(cond: Condition, proxy: ProxySection, ctx: SampleContext): ConditionEval {
  const groups = cond.anyOf.map((group) =>
    group.map((term): TermEval => {
      const name = term.acl ?? `{ ${term.anonymous ? aclText(term.anonymous) : ''} }`;
      const defs = term.anonymous ? [term.anonymous] : proxy.acls.filter((a) => a.name === term.acl);
      if (defs.length === 0) {
        const pre = predefined(name, ctx);
        const result: Tri = pre ? pre.result : 'unknown';
        const reason = pre ? pre.reason : `no ACL named ${name} in ${proxy.name} (HAProxy would refuse this config)`;
        return { acl: name, negate: term.negate, predefined: pre !== null, result: term.negate ? not(result) : result, lines: [], reason };
      }
      const lines = defs.map((def) => evaluateAcl(def, ctx));
      const raw = or(lines.map((l) => l.result));
      return { acl: name, negate: term.negate, predefined: false, result: term.negate ? not(raw) : raw, lines };
    }),
  );
  const matched = or(groups.map((g) => and(g.map((t) => t.result))));
  return { text: cond.text, polarity: cond.polarity, result: cond.polarity === 'if' ? matched : not(matched), groups };
}
