// The LB groups a node action can be limited to (`--group`, `groups:` in lbtop.yaml), shared by `lbtop node` and
// the TUI's node drain (node-service.ts).
import type { NodeScope } from '../actions/node-plan.js';
import type { LbtopConfig } from '../model/config.js';

export function lbGroupsOf(config: LbtopConfig): NodeScope {
  const groups = new Map<string, string[]>();
  for (const lb of config.lbs) for (const g of lb.groups ?? []) groups.set(g, [...(groups.get(g) ?? []), lb.name]);
  return { lbGroups: groups };
}
