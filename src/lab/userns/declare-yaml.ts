// Adds the failover stack to the demo's lbtop.yaml text, as an operator would declare it (`keepalived:` and `bird:`
// under lb-0/lb-1, `vips:` under the clusters), whichever lab wrote the rest: the live HAProxy lab or the replay's
// recorded config. Through the yaml document, so the other keys, comments and order stay as they were.
import { parseDocument } from 'yaml';
import type { DemoFailover } from './demo-failover.js';

export function declareFailover(text: string, declarations: DemoFailover['declarations']): string {
  const doc = parseDocument(text);
  for (const [lb, stack] of Object.entries(declarations.lbs)) {
    if (!doc.hasIn(['lbs', lb])) continue;
    for (const [key, value] of Object.entries(stack)) doc.setIn(['lbs', lb, key], doc.createNode(value, { flow: true }));
  }
  for (const [cluster, vips] of Object.entries(declarations.vips)) {
    if (doc.hasIn(['clusters', cluster])) doc.setIn(['clusters', cluster, 'vips'], doc.createNode(vips, { flow: true }));
  }
  return doc.toString({ lineWidth: 0 });
}
