// A route trace as plain lines for a human (the TRACE view, `lbtop trace`, test failure messages). Pure
// presentation: every fact comes from the trace, this only words it.
import type { AclLineEval, ConditionEval, FrontendTrace, MapLookup, SampleEval, Tri } from '../model/trace.js';

function tri(value: Tri): string {
  return value === 'unknown' ? '?' : value ? 'true' : 'false';
}

function lookupLine(l: MapLookup): string {
  const where = `${l.converter}(${l.file}) on ${JSON.stringify(l.input)}`;
  if (l.hit) return `${where}: entry #${l.hit.index + 1} ${JSON.stringify(l.hit.key)} → ${l.hit.value}`;
  return l.usedDefault !== null ? `${where}: no entry matches → default ${l.usedDefault}` : `${where}: no entry matches, no default`;
}

function sampleLines(s: SampleEval): string[] {
  const head = s.unknown
    ? `${s.text}: unknown (${s.unknown})`
    : s.values === null
      ? `${s.text}: no value (${s.reason ?? 'fetch failed'})`
      : `${s.text} = ${s.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return [head, ...s.lookups.map(lookupLine)];
}

function aclLine(name: string, a: AclLineEval): string {
  return `acl ${name} (line ${a.line}) ${tri(a.result)}: ${a.reason ?? ''}`.trimEnd();
}

function conditionLines(c: ConditionEval): string[] {
  const out = [`${c.polarity} … → ${tri(c.result)}`];
  for (const group of c.groups) {
    for (const term of group) {
      out.push(`  ${term.negate ? '!' : ''}${term.acl} → ${tri(term.result)}${term.reason ? ` (${term.reason})` : ''}`);
      for (const line of term.lines) out.push(`    ${aclLine(term.acl, line)}`);
    }
  }
  return out;
}

export function explainFrontend(trace: FrontendTrace): string[] {
  const out = [`frontend ${trace.frontend} (line ${trace.line}, ${trace.mode} mode)`];
  for (const step of trace.steps) {
    out.push(`  line ${step.line}: ${step.text}`);
    if (step.condition) out.push(...conditionLines(step.condition).map((l) => `    ${l}`));
    for (const s of step.dynamic?.samples ?? []) out.push(...sampleLines(s).map((l) => `    ${l}`));
    out.push(`    ⇒ ${step.why}`);
  }
  const o = trace.outcome;
  if (o.kind === 'backend') out.push(`  → backend ${o.backend} (${o.via}, line ${o.line})`);
  else if (o.kind === 'stopped') out.push(`  → answered by "${o.by}" (line ${o.line})`);
  else out.push(`  → no backend: ${o.reason}`);
  for (const u of trace.uncertainties) out.push(`  ! uncertain: ${u}`);
  return out;
}
