// The routing views' services (src/ui/routing/routing-services.ts) over the routing deps of the running fleet.
import { applyConfigEdit } from '../actions/config-edit-apply.js';
import { planPatternDriftFix, planServerDriftToConfig, planServerDriftToRuntime } from '../actions/drift-fix.js';
import { readDrift } from '../actions/drift-read.js';
import { applyPatternPlan } from '../actions/pattern-apply.js';
import { planPatternEdit } from '../actions/pattern-plan.js';
import { readPatternInputs, readUses } from '../actions/pattern-read.js';
import type { RoutingDeps } from '../actions/routing-deps.js';
import { traceOnLbs, traceRequestOf } from '../actions/trace-read.js';
import type { LbPatterns } from '../model/patterns.js';
import { readLbPatterns } from '../sources/haproxy/maps/read.js';
import { readCerts } from '../sources/haproxy/ssl-cert.js';
import { editInEditor } from '../transport/editor.js';
import type { RoutingServices } from '../ui/routing/routing-services.js';

export function createRoutingServices(deps: RoutingDeps, now: () => number = Date.now): RoutingServices {
  return {
    async readPatterns() {
      return Promise.all(deps.lbs.map(async (lb): Promise<LbPatterns> => {
        const api = deps.clients.get(lb);
        const uses = await readUses(deps, lb);
        const config = { path: deps.after(lb).configPath, error: uses.error };
        if (!api) return { lb, version: null, maps: [], acls: [], configPath: config.path, configError: config.error, error: 'no connection configured' };
        return readLbPatterns(lb, api, uses.uses, config);
      }));
    },
    async planEdit(kind, file, edit, lbs) {
      return planPatternEdit(kind, file, edit, await readPatternInputs(deps, kind, file, lbs));
    },
    applyEdit: (plan) => applyPatternPlan(plan, deps),
    readDrift: (options) => readDrift(deps, [], options),
    async planDriftFix(item, direction) {
      if (item.kind === 'pattern') return planPatternDriftFix(deps, item, direction);
      if (direction === 'to-runtime') return planServerDriftToRuntime([item]);
      const path = deps.after(item.lb).configPath ?? '';
      const read = await deps.files(item.lb)?.read(path);
      if (!read?.exists) throw new Error(`${item.lb}: cannot read ${path}`);
      return planServerDriftToConfig(item.lb, path, read.text, [item]);
    },
    applyConfigEdit: (plan) => applyConfigEdit(deps, plan.lb, plan.before, plan.after),
    trace: (target, sni) => traceOnLbs(deps, traceRequestOf(target, sni)),
    async readCerts() {
      const all = await Promise.all(deps.lbs.map((lb) => readCerts(deps.clients.get(lb)!, lb, now()).catch(() => [])));
      return all.flat();
    },
    editText: (text, name) => editInEditor(text, name),
  };
}
