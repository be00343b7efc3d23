// A map/ACL edit (entries diff) and a haproxy.cfg edit (file diff) as writes of the one dialog: applied LB by LB
// through RoutingServices; a map edit that changed some LBs and failed on another offers their rollback (R).
// `reread` refreshes the MAPS and DRIFT views after anything was written.
import type { ConfigEditPlan } from '../../actions/config-edit-apply.js';
import { rollbackCandidates, rollbackPlan } from '../../actions/pattern-rollback.js';
import type { PatternPlan, PatternReport } from '../../actions/pattern-types.js';
import type { RoutingServices } from '../routing/routing-services.js';
import type { Next, Write } from '../state/write-dialog.js';

function applied(report: PatternReport, services: RoutingServices, reread: () => void): Next {
  reread();
  const back = rollbackCandidates(report);
  const title = report.plan.title;
  const rollback = back.length > 0
    ? {
        label: `roll back ${back.join(', ')}`,
        busy: 'rolling back…',
        run: () => services.applyEdit(rollbackPlan(report)).then((r): Next => {
          reread();
          return { show: 'outcome', outcome: { kind: 'entries', report: r }, flash: [r.ok ? `rolled back: ${title}` : `roll back FAILED: ${title}`, r.ok ? 'ok' : 'error'] };
        }),
      }
    : undefined;
  return { show: 'outcome', outcome: { kind: 'entries', report }, rollback, flash: [report.ok ? `done: ${title}` : `FAILED: ${title}`, report.ok ? 'ok' : 'error'] };
}

export function patternWrite(plan: PatternPlan, services: RoutingServices, reread: () => void): Write {
  return {
    preview: plan,
    sending: `applying: ${plan.title}`,
    send: () => services.applyEdit(plan).then((report) => applied(report, services, reread)),
  };
}

export function configWrite(plan: ConfigEditPlan, services: RoutingServices, reread: () => void): Write {
  return {
    preview: plan,
    sending: `writing ${plan.path} on ${plan.lb}`,
    send: () => services.applyConfigEdit(plan).then((outcome): Next => {
      reread();
      return { show: 'outcome', outcome: { kind: 'file', outcome } };
    }),
  };
}
