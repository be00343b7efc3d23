// Where haproxy.cfg uses each map and ACL file: `acl NAME ... -f FILE`, `use_backend %[...map_dom(FILE,...)]`,
// `http-request ... map(FILE)`, and anonymous `{ ... -f FILE }` inside conditions. Pure: config model in,
// one PatternUse per (file, line), in config order.
import type { AclDef, Condition, HaproxyConfig, ProxySection, SampleExpr } from '../../../model/haproxy-config.js';
import type { PatternUse } from '../../../model/maps.js';
import { mapFilesOf } from '../config/sample-expr.js';

/**
 * Each map file a sample expression reads, in order, with the first converter that reads it (`map_dom`...). One
 * pass: looking the converter up again for each file was quadratic in an expression of thousands of maps.
 */
function mapReads(sample: SampleExpr): { file: string; via: string }[] {
  const first = new Map<string, string>();
  for (const c of sample.converters) if (/^map(_|$)/.test(c.name) && c.args[0] && !first.has(c.args[0])) first.set(c.args[0], c.name);
  return mapFilesOf(sample).map((file) => ({ file, via: first.get(file) ?? 'map' }));
}

function aclUses(proxy: ProxySection, acl: AclDef, rule: string, line: number): PatternUse[] {
  const out: PatternUse[] = [];
  for (const file of acl.files) {
    out.push({ file, proxy: proxy.name, proxyKind: proxy.kind, line, rule, via: '-f', ...(acl.method ? { match: acl.method } : {}) });
  }
  for (const { file, via } of mapReads(acl.sample)) out.push({ file, proxy: proxy.name, proxyKind: proxy.kind, line, rule, via });
  return out;
}

function conditionUses(proxy: ProxySection, condition: Condition | null, rule: string, line: number): PatternUse[] {
  if (!condition) return [];
  return condition.anyOf.flat().flatMap((term) => (term.anonymous ? aclUses(proxy, term.anonymous, rule, line) : []));
}

export function patternUses(config: HaproxyConfig): PatternUse[] {
  const uses: PatternUse[] = [];
  for (const proxy of config.proxies) {
    for (const acl of proxy.acls) uses.push(...aclUses(proxy, acl, `acl ${acl.name}`, acl.line));
    for (const rule of proxy.requestRules) {
      const label = `${rule.directive} ${rule.action}`;
      const seen = new Set<string>();
      const converters = convertersByFile(rule.args);
      for (const file of rule.files) {
        if (seen.has(file)) continue;
        seen.add(file);
        const via = converters.get(file) ?? '-f';
        uses.push({ file, proxy: proxy.name, proxyKind: proxy.kind, line: rule.line, rule: label, via });
      }
      uses.push(...conditionUses(proxy, rule.condition, label, rule.line).filter((u) => !seen.has(u.file)));
    }
    for (const rule of proxy.useBackend) {
      for (const part of rule.dynamic ?? []) {
        if (!('sample' in part)) continue;
        for (const { file, via } of mapReads(part.sample)) {
          uses.push({ file, proxy: proxy.name, proxyKind: proxy.kind, line: rule.line, rule: 'use_backend', via });
        }
      }
      uses.push(...conditionUses(proxy, rule.condition, 'use_backend', rule.line));
    }
  }
  return uses.sort((a, b) => a.line - b.line);
}

/**
 * The first converter (`map`, `map_dom`...) that reads each file in a rule's arguments, in one scan. A regex per
 * file over the whole rule took time files × length: seconds for a rule naming thousands of map files.
 */
function convertersByFile(args: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of args.join(' ').matchAll(/(map(?:_[a-z]+)*)\(([^,)]+)/g)) if (!out.has(m[2]!)) out.set(m[2]!, m[1]!);
  return out;
}
