// After a node drain is applied, the composition root follows sessions and queue down to zero; this hook puts
// each step in the flash line ("drain node1: 5 session(s) left on 2 LB(s)" … "node1 drained"), so the operator
// sees it without leaving the table, where the SCUR column of the node's rows falls at the same time.
import { useEffect } from 'react';
import type { AppServices } from '../services.js';

export function useNodeProgress(services: AppServices, flash: (text: string, level: 'info' | 'ok' | 'error') => void): void {
  useEffect(() => {
    const progress = services.nodeProgress;
    if (!progress) return undefined;
    return progress.subscribe((p) => {
      const lbs = new Set(p.progress.rows.map((r) => r.lb)).size;
      if (p.progress.done) flash(`${p.node} drained: no sessions or queue left on ${lbs} LB(s)`, 'ok');
      else if (p.finished) flash(`${p.node}: still ${p.progress.left ?? '?'} session(s)/queued after the timeout`, 'error');
      else flash(`drain ${p.node}: ${p.progress.left ?? '?'} session(s)/queued left on ${lbs} LB(s)`, 'info');
    });
  }, [services, flash]);
}
