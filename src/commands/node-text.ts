// The CLI's answer to a node NAME carried at several addresses: nothing planned, each candidate machine with
// its address, servers, backends and clusters, and how to pick one (exit 2, refused before sending).
import type { Plan } from '../actions/types.js';

export function candidatesText(plan: Plan, cluster: string | undefined): string | null {
  const candidates = plan.node?.candidates;
  if (!candidates || candidates.length === 0) return null;
  const asked = plan.node!.asked ?? plan.node!.name;
  const lines = [`REFUSED: "${asked}"${cluster !== undefined ? ` in ${cluster}` : ''} is the name of servers on ${candidates.length} machines; a node is one machine. Nothing was planned or sent.`];
  for (const c of candidates) {
    lines.push(`  ${c.address}`);
    lines.push(`    clusters: ${c.clusters.join(', ')}`);
    lines.push(`    backends: ${c.backends.join(', ')}`);
    lines.push(`    servers:  ${[...new Set(c.members.map((m) => `${m.backend}/${m.server}`))].join(', ')} (on ${[...new Set(c.members.map((m) => m.lb))].join(', ')})`);
  }
  const action = plan.node!.action;
  const cl = candidates.find((c) => c.clusters.length === 1)?.clusters[0];
  lines.push(`  pick one: lbtop node ${action} ${asked} --cluster ${cl ?? 'CLUSTER'}   or by address: lbtop node ${action} ${candidates[0]!.address}`);
  return `${lines.join('\n')}\n`;
}
