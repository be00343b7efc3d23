// `lbtop map|acl show|add|set|del|replace`: the same read → plan → preview → confirm → apply as the TUI.
import { EXIT } from '../cli/exit-codes.js';
import { readFileSync } from 'node:fs';
import { applyMapsPlan } from '../actions/maps/apply.js';
import { rollbackCandidates, rollbackPlan } from '../actions/maps/rollback.js';
import { planMapsEdit } from '../actions/maps/plan.js';
import { outcomeText } from '../present/confirmation.js';
import { confirmRollback, confirmWrite } from './confirm-write.js';
import { readMapsInputs, readUses } from '../actions/maps/read.js';
import type { MapsEdit } from '../actions/maps/types.js';
import type { MapsDeps } from '../actions/maps/deps.js';
import type { MapsInvocation } from '../cli/maps-args.js';
import { parseEntryList } from '../sources/haproxy/maps/file-edit.js';
import { readPatternTables } from '../sources/haproxy/maps/read.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  confirm(question: string): Promise<boolean>;
  /** Standard input as text (replace from stdin). */
  stdin(): Promise<string>;
}

/** A bare name (`hosts.map`) is the one runtime file with that base name, if there is exactly one. */
async function resolveFile(deps: MapsDeps, inv: MapsInvocation, name: string, lbs: readonly string[]): Promise<string> {
  if (name.startsWith('/')) return name;
  const found = new Set<string>();
  for (const lb of lbs) {
    const tables = await readPatternTables(deps.clients.get(lb)!, inv.table).catch(() => []);
    for (const t of tables) if (t.file === name || t.file.endsWith(`/${name}`)) found.add(t.file);
  }
  if (found.size === 1) return [...found][0]!;
  throw new Error(found.size === 0 ? `no LB has a ${inv.table} named ${name}` : `${name} is ambiguous: ${[...found].join(', ')}`);
}

async function show(deps: MapsDeps, inv: MapsInvocation, lbs: readonly string[], io: Io): Promise<number> {
  const result: Record<string, unknown> = {};
  for (const lb of lbs) {
    const uses = (await readUses(deps, lb)).uses;
    const tables = (await readPatternTables(deps.clients.get(lb)!, inv.table, uses)).filter((t) => inv.file === undefined || t.file === inv.file);
    result[lb] = tables;
    if (inv.json) continue;
    io.out(`== ${lb}\n`);
    for (const t of tables) {
      io.out(`${t.file}  (${t.entries.length} entries, version ${t.currVer ?? '?'})\n`);
      for (const u of t.uses) io.out(`  used by ${u.proxyKind} ${u.proxy} line ${u.line}: ${u.rule} (${u.via})\n`);
      if (inv.file !== undefined) for (const e of t.entries) io.out(`    ${e.key}${e.value !== undefined ? ` ${e.value}` : ''}\n`);
    }
  }
  if (inv.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

export async function runMapsCommand(deps: MapsDeps, inv: MapsInvocation, io: Io): Promise<number> {
  const lbs = inv.lbs.length > 0 ? inv.lbs : deps.lbs;
  if (inv.action === 'show' && inv.file === undefined) return show(deps, inv, lbs, io);
  const file = await resolveFile(deps, inv, inv.file!, lbs);
  if (inv.action === 'show') return show(deps, { ...inv, file }, lbs, io);
  let edit: MapsEdit;
  if (inv.action === 'replace') {
    const source = inv.key === undefined || inv.key === '-' ? await io.stdin() : readFileSync(inv.key, 'utf8');
    edit = { op: 'replace', entries: parseEntryList(source, inv.table) };
  } else if (inv.action === 'del') edit = { op: 'del', key: inv.key! };
  else if (inv.action === 'set') edit = { op: 'set', key: inv.key!, value: inv.value! };
  else edit = inv.table === 'map' ? { op: 'add', key: inv.key!, value: inv.value! } : { op: 'add', key: inv.key! };
  const plan = planMapsEdit(inv.table, file, edit, await readMapsInputs(deps, inv.table, file, inv.lbs));
  const sent = await confirmWrite(plan, inv, io, { send: () => applyMapsPlan(plan, deps), outcome: (report) => ({ kind: 'entries', report }) });
  if (!sent.sent) return sent.code;
  const report = sent.result;
  const back = rollbackCandidates(report);
  if (back.length > 0 && (await confirmRollback(`roll back ${back.join(', ')}`, inv, io))) {
    io.out(`${outcomeText({ kind: 'entries', report: await applyMapsPlan(rollbackPlan(report), deps) })}\n`);
  }
  if (inv.json) io.out(`${JSON.stringify(report.outcomes)}\n`);
  if (report.outcomes.some((o) => o.status === 'unknown')) return EXIT.UNKNOWN;
  return report.ok ? EXIT.OK : EXIT.FAILED;
}
