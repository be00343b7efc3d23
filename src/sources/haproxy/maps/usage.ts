// Where haproxy.cfg uses each map and ACL file: `acl NAME ... -f FILE`, `use_backend %[...map_dom(FILE,...)]`,
// `http-request ... map(FILE)`, and anonymous `{ ... -f FILE }` inside conditions. Pure: config model in,
// one PatternUse per (file, line), in config order.
import type { AclDef, Condition, HaproxyConfig, ProxySection, SampleExpr } from '../../../model/routing.js';
import type { PatternUse } from '../../../model/patterns.js';
import { mapFilesOf } from '../config/sample-expr.js';

function converterOf(sample: SampleExpr, file: string): string {
  return sample.converters.find((c) => /^map(_|$)/.test(c.name) && c.args[0] === file)?.name ?? 'map';
}

function aclUses(proxy: ProxySection, acl: AclDef, rule: string, line: number): PatternUse[] {
  const out: PatternUse[] = [];
  for (const file of acl.files) {
    out.push({ file, proxy: proxy.name, proxyKind: proxy.kind, line, rule, via: '-f', ...(acl.method ? { match: acl.method } : {}) });
  }
  for (const file of mapFilesOf(acl.sample)) {
    out.push({ file, proxy: proxy.name, proxyKind: proxy.kind, line, rule, via: converterOf(acl.sample, file) });
  }
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
      for (const file of rule.files) {
        if (seen.has(file)) continue;
        seen.add(file);
        const via = rule.args.join(' ').match(new RegExp(`(map(?:_[a-z]+)*)\\(${escapeRe(file)}`))?.[1] ?? '-f';
        uses.push({ file, proxy: proxy.name, proxyKind: proxy.kind, line: rule.line, rule: label, via });
      }
      uses.push(...conditionUses(proxy, rule.condition, label, rule.line).filter((u) => !seen.has(u.file)));
    }
    for (const rule of proxy.useBackend) {
      for (const part of rule.dynamic ?? []) {
        if (!('sample' in part)) continue;
        for (const file of mapFilesOf(part.sample)) {
          uses.push({ file, proxy: proxy.name, proxyKind: proxy.kind, line: rule.line, rule: 'use_backend', via: converterOf(part.sample, file) });
        }
      }
      uses.push(...conditionUses(proxy, rule.condition, 'use_backend', rule.line));
    }
  }
  return uses.sort((a, b) => a.line - b.line);
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
