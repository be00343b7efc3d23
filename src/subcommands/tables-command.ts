// Runs `lbtop tables [TABLE] [--filter] [--key] [--compare]`, `lbtop tables clear TABLE --key K` and `lbtop peers`
// on the same readers, plan and apply as the TABLES panel. Reads exit like the other reports (0 all well, 1 found:
// differences or peers not in sync, 2 an LB could not be read); the clear exits like every write.
import { applyPlan } from '../actions/apply.js';
import type { AuditLog } from '../actions/audit-log.js';
import { planTableClear } from '../actions/tables/clear-plan.js';
import { compareTables, compareText } from '../actions/tables/compare.js';
import { readKeyOnLbs } from '../actions/tables/read-key.js';
import { readPeersOnLbs } from '../actions/tables/read-peers.js';
import { EXIT, exitCodeOf } from '../cli/exit-codes.js';
import type { TablesInvocation } from '../cli/tables-args.js';
import { CommandRejectedError } from '../model/errors.js';
import type { RuntimeApi } from '../sources/haproxy/client.js';
import { parseFilter } from '../sources/haproxy/tables/filter.js';
import { peersProblems } from '../sources/haproxy/tables/peers-sync.js';
import { readTable, readTableList, type TableRead } from '../sources/haproxy/tables/read-tables.js';
import { confirmWrite } from './confirm-write.js';
import { peersText, tableEntriesText, tableListText, type LbResult } from './tables-text.js';

export interface TablesCommandDeps {
  clients: ReadonlyMap<string, RuntimeApi>;
  /** Every configured LB, in order (the scope when no --lb is given). */
  lbs: readonly string[];
  /** The HAProxy version an LB runs ("3.0.11"), for the filter's data names; null when unknown. */
  version(lb: string): Promise<string | null>;
  audit: AuditLog;
  out(text: string): void;
  err(text: string): void;
  confirm(question: string): Promise<boolean>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function perLb<T>(lbs: readonly string[], deps: TablesCommandDeps, read: (api: RuntimeApi, lb: string) => Promise<T>): Promise<LbResult<T>[]> {
  return Promise.all(lbs.map(async (lb) => {
    const api = deps.clients.get(lb);
    if (!api) return { lb, error: 'no HAProxy runtime API configured' };
    try {
      return { lb, value: await read(api, lb) };
    } catch (error) {
      return { lb, error: message(error) };
    }
  }));
}

export async function runTablesCommand(inv: TablesInvocation, deps: TablesCommandDeps): Promise<number> {
  const lbs = inv.lbs.length ? inv.lbs : [...deps.lbs];
  const unread = (rs: readonly object[]) => rs.some((r) => 'error' in r);
  if (inv.kind === 'peers') {
    const readings = await readPeersOnLbs(deps.clients, lbs);
    deps.out(inv.json ? `${JSON.stringify(readings.map((r) => ('error' in r ? r : { ...r, problems: peersProblems(r.sections) })), null, 2)}\n` : `${peersText(readings)}\n`);
    if (unread(readings)) return EXIT.REFUSED;
    return readings.some((r) => 'sections' in r && peersProblems(r.sections).length) ? EXIT.FAILED : EXIT.OK;
  }
  if (inv.kind === 'tables-clear') return clear(inv, lbs, deps);
  if (inv.table === null) {
    const results = await perLb(lbs, deps, (api) => readTableList(api));
    deps.out(inv.json ? `${JSON.stringify(results, null, 2)}\n` : `${tableListText(results)}\n`);
    return unread(results) ? EXIT.REFUSED : EXIT.OK;
  }
  const filter = inv.filter ? parseFilter(inv.filter) : undefined;
  const table = inv.table;
  const results = await perLb(lbs, deps, async (api, lb): Promise<TableRead | null> => {
    try {
      return await readTable(api, table, { ...(inv.key !== null ? { key: inv.key } : {}), ...(filter ? { filter } : {}), version: filter ? await deps.version(lb) : null });
    } catch (error) {
      if (error instanceof CommandRejectedError && /No such table/.test(error.reply)) return null;
      throw error;
    }
  });
  if (inv.compare) {
    const dumps = new Map(results.filter((r): r is { lb: string; value: TableRead | null } => 'value' in r).map((r) => [r.lb, r.value?.dump ?? (r.value ? { table: { name: table, type: '?', size: 0, used: 0 }, entries: [], hidden: false } : null)]));
    const compared = compareTables(table, dumps);
    deps.out(inv.json ? `${JSON.stringify({ ...compared, errors: results.filter((r) => 'error' in r) }, null, 2)}\n` : `${compareText(compared).join('\n')}\n${results.filter((r) => 'error' in r).map((r) => `  ${r.lb}: ERROR: ${'error' in r ? r.error : ''}\n`).join('')}`);
    return unread(results) ? EXIT.REFUSED : compared.rows.length ? EXIT.FAILED : EXIT.OK;
  }
  deps.out(inv.json ? `${JSON.stringify(results.map((r) => ('error' in r ? r : { lb: r.lb, table: r.value?.dump?.table ?? null, entries: r.value?.dump?.entries ?? [], command: r.value?.command ?? null, filteredByLbtop: r.value?.filteredByLbtop ?? false, present: r.value !== null })), null, 2)}\n` : `${tableEntriesText(table, results)}\n`);
  return unread(results) ? EXIT.REFUSED : EXIT.OK;
}

async function clear(inv: Extract<TablesInvocation, { kind: 'tables-clear' }>, lbs: string[], deps: TablesCommandDeps): Promise<number> {
  const plan = planTableClear(inv.table, inv.key, await readKeyOnLbs(deps.clients, lbs, inv.table, inv.key), inv.lbs);
  const sent = await confirmWrite(plan, inv, deps, { send: () => applyPlan(plan, { clients: deps.clients, audit: deps.audit }), outcome: (report) => ({ kind: 'servers', report }) });
  if (!sent.sent) return sent.code;
  const report = sent.result;
  if (inv.json) deps.out(`${JSON.stringify({ outcomes: report.outcomes })}\n`);
  return exitCodeOf(report);
}
