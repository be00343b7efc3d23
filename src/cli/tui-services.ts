// What the TUI is handed (AppServices, src/ui/services.ts), over the running fleet: plans and writes through the
// same code as the subcommands, node drains and snapshots, and the map editor's and failover views' services. Imported
// by src/cli/interactive.ts beside the UI, after the first poll has been sent.
import { applyPlan, rollbackReport } from '../actions/apply.js';
import { rollbackFanout } from '../actions/apply-fanout.js';
import { applyUndo } from '../actions/apply-undo.js';
import { defaultAuditPath, openAuditLog } from '../actions/audit-log.js';
import { runRawCommand } from '../actions/raw-command.js';
import { historySource } from '../actions/history-source.js';
import { planUndo } from '../actions/undo-plan.js';
import { planServerAdmin, planServerWeight } from '../actions/server-admin.js';
import { createNodeService } from '../runtime/node-service.js';
import type { LbtopConfig } from '../model/config.js';
import type { FleetRuntime } from '../runtime/fleet-runtime.js';
import type { TablesServices } from '../ui/panels/tables/tables-services.js';
import { loadOnFirstCall } from '../runtime/load-on-first-call.js';
import type { PassphrasePrompts } from './passphrase/prompts.js';
import { FleetBuilder } from '../store/selectors.js';
import type { AppServices, BgpNodesService } from '../ui/services.js';
import type { BgpNodeReader } from '../runtime/bgp-nodes-runtime.js';
import type { MapsServices } from '../ui/maps/maps-services.js';
import { createUserCommandService } from '../runtime/user-command-runtime.js';
import { createSessionsService } from '../runtime/sessions-service.js';
import { userCommandReport } from '../actions/user-command-plan.js';


export async function tuiServices(
  config: LbtopConfig,
  runtime: FleetRuntime,
  /** auditPath: the demo's own log in its lab directory, so a demo never writes into the operator's history. */
  options: { version: string; prompts?: PassphrasePrompts; hint?: string; auditPath?: string },
): Promise<{ app: AppServices; stop(): void }> {
  const audit = openAuditLog(options.auditPath ?? defaultAuditPath());
  const deps = { clients: runtime.clients, audit };
  // What reaches each LB (runtime API, runner with its sudo, files, master CLI): built once with the fleet
  // (src/runtime/hosts.ts); every feature below takes its service over it, as its subcommand does (src/cli/subcommands.ts).
  const { hosts } = runtime;
  const fleetBuilder = new FleetBuilder();
  // Kubernetes nodes through BGP (NODES view; `:node worker1` and N on a pod): BIRD read where an LB declares it,
  // once now so that a node name works before the view is opened, then as the NODES view asks.
  let bgpNodes: (BgpNodeReader & BgpNodesService) | undefined;
  if (config.lbs.some((lb) => lb.failover?.bird)) {
    const { createBgpNodesService } = await import('../runtime/bgp-nodes-runtime.js');
    bgpNodes = createBgpNodesService(hosts);
    bgpNodes.read().catch(() => {}); // an LB's error is in the readings; the NODES view shows it
  }
  // Node drain (N, :node NAME), its follow-up to zero sessions, and the snapshot key (S).
  // lbtop.yaml `commands:`: their keys, the OUTPUT panel's runs, and the node-drain hooks.
  const user = createUserCommandService(hosts, audit);
  const node = createNodeService(hosts, runtime, audit, { hooks: user, ...(bgpNodes ? { bgp: bgpNodes } : {}) });
  // The regular polls wait while a write is sent (runtime.hold); the report, and the drain's progress view hidden
  // behind "sending…" until then, show at once: the full read that shows the write everywhere follows behind them.
  const afterWrite = async <T>(work: Promise<T>) => {
    const result = await runtime.hold(work);
    void runtime.refresh();
    return result;
  };
  // keepalived/heartbeat/BIRD pollers only when an LB declares one (the VIPS and BGP views say so otherwise).
  let failover: AppServices['failover'];
  let stopFailover = () => {};
  if (config.lbs.some((lb) => lb.failover)) {
    const [{ createFailoverService }, { createFailoverServices }] = await Promise.all([
      import('../runtime/failover-wiring.js'),
      import('../runtime/failover-ui-services.js'),
    ]);
    const service = createFailoverService(hosts, runtime, audit);
    service.failover.start();
    stopFailover = service.stop;
    failover = createFailoverServices(service);
  }
  // The map editor's views' code loads when one of them first asks; the editor (sync) is only reached from a view
  // that has already read its data, so the code is there by then.
  let mapsLoaded: MapsServices | undefined;
  const maps = loadOnFirstCall<MapsServices>(
    async () => {
      const [{ createMapsService }, { createMapsServices }] = await Promise.all([
        import('../runtime/maps-runtime.js'),
        import('../runtime/maps-ui-services.js'),
      ]);
      return (mapsLoaded = createMapsServices(createMapsService(hosts, runtime, audit)));
    },
    { editText: (text, name) => mapsLoaded?.editText(text, name) ?? null },
  );
  // SESSIONS/CAPTURES and TABLES: the same services as `lbtop sessions` and `lbtop tables`; the TABLES panel's
  // code loads when it first reads.
  const sessions = createSessionsService(hosts, runtime, audit);
  let tablesLoaded: Promise<TablesServices> | null = null;
  const tablesNow = () => (tablesLoaded ??= import('../runtime/tables-service.js').then(({ createTablesService }) => createTablesService(hosts, runtime, audit)));
  const tables: TablesServices = {
    overview: async () => (await tablesNow()).overview(),
    entries: async (table, filter) => (await tablesNow()).entries(table, filter),
    planClear: async (table, key) => (await tablesNow()).planClear(table, key),
  };
  const app: AppServices = {
    store: runtime.store,
    config,
    // Re-uses unchanged backends between refreshes (10,000 idle servers cost almost nothing per poll).
    buildFleet: (c, l) => fleetBuilder.build(c, l),
    focus: runtime.focus,
    planServerAdmin,
    planServerWeight,
    apply: (plan) =>
      plan.kind === 'user-command'
        ? user.run(plan.user!.invocation, plan.user!.lb).then((run) => userCommandReport(plan, run))
        : afterWrite(plan.kind === 'node' ? node.applyNode(plan) : plan.fanout ? applyUndo(plan, deps) : applyPlan(plan, deps)),
    rollback: (report) => afterWrite(report.plan.kind === 'node' || report.plan.fanout ? rollbackFanout(report, deps) : rollbackReport(report, deps)),
    planNode: node.planNode,
    ...(bgpNodes ? { bgpNodes } : {}),
    resolveHost: node.resolveHost,
    snapshot: async () => (await node.snapshot()).json,
    nodeProgress: node.nodeProgress,
    sessions,
    runRaw: async (lb, line) => {
      const result = await runRawCommand(deps, lb, line);
      switch (result.status) {
        case 'answered':
          return result.reply;
        case 'failed':
          throw new Error(result.error);
        case 'landed':
          return `(reply lost: ${result.error}; HAProxy shows it applied: ${result.detail})\n`;
        case 'unknown':
          return `UNKNOWN: ${result.error}\nthe command may have been carried out: look before sending it again\n`;
      }
    },
    readOnly: config.readOnly,
    userCommands: user,
    history: { ...historySource(audit.path), planUndo },
    maps,
    tables,
    ...(failover ? { failover } : {}),
    ...(options.prompts ? { passphrase: options.prompts } : {}),
    version: options.version,
    ...(options.hint ? { hint: options.hint } : {}),
    now: Date.now,
  };
  return {
    app,
    stop: () => {
      node.stop();
      stopFailover();
    },
  };
}
