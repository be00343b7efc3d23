// A map/ACL edit (entries diff) and a haproxy.cfg edit (file diff) as writes of the one dialog: applied LB by LB
// through MapsServices; a map edit that changed some LBs and failed on another offers their rollback (R).
// `reread` refreshes the MAPS and DRIFT views after anything was written.
import type { ConfigEditPlan } from '../../actions/config-edit-apply.js';
import { rollbackCandidates, rollbackPlan } from '../../actions/maps/rollback.js';
import type { MapsPlan, MapsReport } from '../../actions/maps/types.js';
import type { MapsServices } from '../maps/maps-services.js';
import type { Next, Write } from '../state/write-dialog.js';

function applied(report: MapsReport, services: MapsServices, reread: () => void): Next {
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

export function mapsWrite(plan: MapsPlan, services: MapsServices, reread: () => void): Write {
  return {
    preview: plan,
    sending: `applying: ${plan.title}`,
    send: () => services.applyEdit(plan).then((report) => applied(report, services, reread)),
  };
}

export function configWrite(plan: ConfigEditPlan, services: MapsServices, reread: () => void): Write {
  return {
    preview: plan,
    sending: `writing ${plan.path} on ${plan.lb}`,
    send: () => services.applyConfigEdit(plan).then((outcome): Next => {
      reread();
      return { show: 'outcome', outcome: { kind: 'file', outcome } };
    }),
  };
}
