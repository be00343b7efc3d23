// The CLI's answer to a node NAME carried at several addresses: nothing planned, each candidate machine with
// its address, servers, backends and clusters, and how to pick one (exit 2, refused before sending).
import type { Plan } from '../actions/types.js';

export function candidatesText(plan: Plan, cluster: string | undefined): string | null {
  const candidates = plan.node?.candidates;
  if (!candidates || candidates.length === 0) return null;
  const asked = plan.node!.asked ?? plan.node!.name;
  const lines = [`REFUSED: "${asked}"${cluster !== undefined ? ` in ${cluster}` : ''} is the name of servers on ${candidates.length} machines; a node is one machine. Nothing was planned or sent.`];
  const action = plan.node!.action;
  // The cluster(s) where each machine carries the name: a --cluster that holds the name on this machine alone picks it.
  const namedIn = candidates.map((c) => new Set(c.members.filter((m) => m.server === asked || m.fqdn.toLowerCase() === asked.toLowerCase()).map((m) => m.cluster)));
  candidates.forEach((c, i) => {
    const own = [...namedIn[i]!].filter((cl) => namedIn.every((other, j) => j === i || !other.has(cl)));
    lines.push(`  ${c.address}`);
    lines.push(`    clusters: ${c.clusters.join(', ')}`);
    lines.push(`    backends: ${c.backends.join(', ')}`);
    lines.push(`    servers:  ${[...new Set(c.members.map((m) => `${m.backend}/${m.server}`))].join(', ')} (on ${[...new Set(c.members.map((m) => m.lb))].join(', ')})`);
    lines.push(`    pick it:  ${own.length === 1 ? `lbtop node ${action} ${asked} --cluster ${own[0]}   or   ` : ''}lbtop node ${action} ${c.address}`);
  });
  return `${lines.join('\n')}\n`;
}
