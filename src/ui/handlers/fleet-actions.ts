// Fleet-wide keys: N drains the machine of the selected server row (its address: every server there, on every
// LB and backend; never every server that shares the row's name; for a pod, the Kubernetes node whose BGP prefix
// holds it), `:node NODE` does the same for an address, a name, a hostname or a BGP node. A name on several
// machines opens the chooser instead of a preview. Each says why when it cannot act.
import type { Plan } from '../../actions/types.js';
import type { Fleet } from '../../model/fleet.js';
import { mapBgpNodes } from '../../store/bgp-nodes.js';
import { candidate, machinesOfServer, nodeMembers } from '../../store/nodes.js';
import type { NodeChoice } from '../components/NodeChooser.js';
import type { Handler } from '../hooks/useCommands.js';
import type { TableRow } from '../rows/types.js';
import type { AppServices } from '../services.js';

type Action = 'drain' | 'maint' | 'ready';

export interface FleetActionContext {
  services: AppServices;
  fleet: Fleet;
  row: TableRow | undefined;
  preview(plan: Plan): void;
  /** Opens the machine chooser (a name on several machines). */
  choose?(choice: NodeChoice): void;
  flash(text: string, level: 'info' | 'ok' | 'error'): void;
}

type NodeContext = Omit<FleetActionContext, 'row'>;

/** Opens the node preview for `node` (an address, a server name or a hostname), the chooser, or flashes why not. */
export function previewNode(ctx: NodeContext, node: string, action: Action = 'drain', resolved?: readonly string[]): void {
  if (!ctx.services.planNode) return ctx.flash('node actions are not available here', 'error');
  // `:node NAME` is a prompt, not a key: it must say no in read-only mode itself (the keymap hides only keys).
  if (ctx.services.readOnly) return ctx.flash(`READ-ONLY: node ${action} is disabled (lbtop -n)`, 'error');
  try {
    const plan = ctx.services.planNode(ctx.fleet, { node, action, ...(resolved ? { resolved } : {}) });
    const candidates = plan.node?.candidates;
    if (candidates && candidates.length > 0) {
      if (!ctx.choose) return ctx.flash(plan.warnings[0] ?? `${node} is on several machines`, 'error');
      return ctx.choose({ asked: node, action, candidates, index: 0 });
    }
    if (plan.node?.hostLookup && ctx.services.resolveHost) {
      // Maybe a hostname: resolved off the UI thread, then planned again with its addresses.
      ctx.flash(`resolving ${node}…`, 'info');
      void ctx.services.resolveHost(node).then((addresses) => previewNode(ctx, node, action, addresses));
      return;
    }
    if (plan.changes.length === 0 && (plan.unreachable ?? []).length === 0) return ctx.flash(plan.warnings.find((w) => !w.startsWith('node = machine')) ?? `nothing to ${action} for ${node}`, 'error');
    ctx.preview(plan);
  } catch (error) {
    ctx.flash(`cannot plan this: ${error instanceof Error ? error.message : String(error)}`, 'error');
  }
}

/** The Kubernetes node a pod row sits on, by BGP (its address inside a node's prefixes), from the last readings. */
function bgpNodeOf(ctx: NodeContext, row: TableRow): string | null {
  const bgp = ctx.services.bgpNodes;
  const readings = bgp?.last();
  if (!bgp || !readings) return null;
  const nodes = mapBgpNodes(ctx.fleet, readings, bgp.names).nodes.filter((n) => n.pods.some((p) => p.backend === row.backend && p.server === row.server));
  return nodes.length === 1 ? nodes[0]!.name : null;
}

/**
 * N on a server row: the row's machine, by its address (one LB may report another address: then a choice). A pod's
 * address is no machine: its machine is the Kubernetes node whose BGP prefix holds it, so N drains that node.
 */
function previewRowMachine(ctx: NodeContext, row: TableRow): void {
  const node = bgpNodeOf(ctx, row);
  if (node !== null) return previewNode(ctx, node, 'drain');
  const machines = machinesOfServer(ctx.fleet, row.backend!, row.server!);
  if (machines.length === 1) return previewNode(ctx, machines[0]!, 'drain');
  if (machines.length === 0) {
    return ctx.flash(`${row.backend}/${row.server} has no machine address (unix socket, or none reported): d/m act on this row; :node ${row.server} acts by name`, 'error');
  }
  if (!ctx.choose) return ctx.flash(`${row.backend}/${row.server} is at ${machines.join(', ')} on different LBs`, 'error');
  const members = nodeMembers(ctx.fleet);
  ctx.choose({ asked: `${row.backend}/${row.server}`, action: 'drain', candidates: machines.map((ip) => candidate(ip, members)), index: 0 });
}

export function fleetActionHandlers(ctx: FleetActionContext): { 'node.drain': Handler } {
  const row = ctx.row;
  const server = row && (row.kind === 'server' || row.kind === 'sublb') ? row : undefined;
  return {
    'node.drain': {
      disabled: () => (!ctx.services.planNode ? 'node actions are not available here' : server ? null : 'select a server row first (or type :node NODE)'),
      run: () => server && previewRowMachine(ctx, server),
    },
  };
}
