// The map editor's views' services (src/ui/maps/maps-services.ts) over the maps deps of the running fleet.
import { applyConfigEdit } from '../actions/config-edit-apply.js';
import { planPatternDriftFix, planServerDriftToConfig, planServerDriftToRuntime } from '../actions/drift-fix.js';
import { readDrift } from '../actions/drift-read.js';
import { applyMapsPlan } from '../actions/maps/apply.js';
import { planMapsEdit } from '../actions/maps/plan.js';
import { readMapsInputs, readUses } from '../actions/maps/read.js';
import type { MapsDeps } from '../actions/maps/deps.js';
import { traceOnLbs, traceRequestOf } from '../actions/trace-read.js';
import type { LbPatterns } from '../model/maps.js';
import { readLbPatterns } from '../sources/haproxy/maps/read.js';
import { readCerts } from '../sources/haproxy/ssl-cert.js';
import { editInEditor } from '../transport/editor.js';
import type { MapsServices } from '../ui/maps/maps-services.js';

export function createMapsServices(deps: MapsDeps, now: () => number = Date.now): MapsServices {
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
      return planMapsEdit(kind, file, edit, await readMapsInputs(deps, kind, file, lbs));
    },
    applyEdit: (plan) => applyMapsPlan(plan, deps),
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
