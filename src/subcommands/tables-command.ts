// Runs `lbtop tables [TABLE] [--filter] [--key] [--compare]`, `lbtop tables clear TABLE --key K` and `lbtop peers`
// on the same readers, plan and apply as the TABLES panel. Reads exit like the other reports (0 all well, 1 found:
// differences or peers not in sync, 2 an LB could not be read); the clear exits like every write.
import { compareTables, compareText } from '../actions/tables/compare.js';
import { EXIT, exitCodeOf } from '../cli/exit-codes.js';
import type { TablesInvocation } from '../cli/tables-args.js';
import type { TablesService } from '../runtime/tables-service.js';
import { parseFilter } from '../sources/haproxy/tables/filter.js';
import { peersProblems } from '../sources/haproxy/tables/peers-sync.js';
import type { TableRead } from '../sources/haproxy/tables/read-tables.js';
import { confirmWrite } from './confirm-write.js';
import { peersText, tableEntriesText, tableListText } from './tables-text.js';

export interface TablesCommandDeps {
  /** The TABLES panel's service (src/runtime/tables-service.ts), over the fleet. */
  tables: TablesService;
  out(text: string): void;
  err(text: string): void;
  confirm(question: string): Promise<boolean>;
}

export async function runTablesCommand(inv: TablesInvocation, deps: TablesCommandDeps): Promise<number> {
  const lbs = inv.lbs.length ? inv.lbs : [...deps.tables.lbs];
  const unread = (rs: readonly object[]) => rs.some((r) => 'error' in r);
  if (inv.kind === 'peers') {
    const readings = await deps.tables.peers(lbs);
    deps.out(inv.json ? `${JSON.stringify(readings.map((r) => ('error' in r ? r : { ...r, problems: peersProblems(r.sections) })), null, 2)}\n` : `${peersText(readings)}\n`);
    if (unread(readings)) return EXIT.REFUSED;
    return readings.some((r) => 'sections' in r && peersProblems(r.sections).length) ? EXIT.FAILED : EXIT.OK;
  }
  if (inv.kind === 'tables-clear') return clear(inv, deps);
  if (inv.table === null) {
    const results = await deps.tables.lists(lbs);
    deps.out(inv.json ? `${JSON.stringify(results, null, 2)}\n` : `${tableListText(results)}\n`);
    return unread(results) ? EXIT.REFUSED : EXIT.OK;
  }
  const filter = inv.filter ? parseFilter(inv.filter) : undefined;
  const table = inv.table;
  const results = await deps.tables.read(table, { ...(inv.key !== null ? { key: inv.key } : {}), ...(filter ? { filter } : {}), lbs });
  if (inv.compare) {
    const dumps = new Map(results.filter((r): r is { lb: string; value: TableRead | null } => 'value' in r).map((r) => [r.lb, r.value?.dump ?? (r.value ? { table: { name: table, type: '?', size: 0, used: 0 }, entries: [], hidden: false } : null)]));
    const compared = compareTables(table, dumps);
    deps.out(inv.json ? `${JSON.stringify({ ...compared, errors: results.filter((r) => 'error' in r) }, null, 2)}\n` : `${compareText(compared).join('\n')}\n${results.filter((r) => 'error' in r).map((r) => `  ${r.lb}: ERROR: ${'error' in r ? r.error : ''}\n`).join('')}`);
    return unread(results) ? EXIT.REFUSED : compared.rows.length ? EXIT.FAILED : EXIT.OK;
  }
  deps.out(inv.json ? `${JSON.stringify(results.map((r) => ('error' in r ? r : { lb: r.lb, table: r.value?.dump?.table ?? null, entries: r.value?.dump?.entries ?? [], command: r.value?.command ?? null, filteredByLbtop: r.value?.filteredByLbtop ?? false, present: r.value !== null })), null, 2)}\n` : `${tableEntriesText(table, results)}\n`);
  return unread(results) ? EXIT.REFUSED : EXIT.OK;
}

async function clear(inv: Extract<TablesInvocation, { kind: 'tables-clear' }>, deps: TablesCommandDeps): Promise<number> {
  const plan = await deps.tables.planClear(inv.table, inv.key, inv.lbs);
  const sent = await confirmWrite(plan, inv, deps, { send: () => deps.tables.apply(plan), outcome: (report) => ({ kind: 'servers', report }) });
  if (!sent.sent) return sent.code;
  const report = sent.result;
  if (inv.json) deps.out(`${JSON.stringify({ outcomes: report.outcomes })}\n`);
  return exitCodeOf(report);
}
