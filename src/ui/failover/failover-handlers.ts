// Key handlers of the VIPS and BGP views (scope `failover`), as a table built per render (FailoverPanel.tsx).
// A key that cannot act says why: no VIP selected, a VIP with no other LB, a protocol on an unread host.
import type { Handler, ScopeHandlers } from '../hooks/useCommands.js';
import { bgpRows } from './failover-lines.js';
import type { FailoverView } from './failover-ui-state.js';
import type { FailoverApi } from './useFailover.js';

export function failoverHandlers(api: FailoverApi, view: FailoverView, page: number, available: boolean): ScopeHandlers<'failover'> {
  const rows = api.data.vips;
  const protocols = bgpRows(api.data);
  const count = view === 'vips' ? rows.length : protocols.length;
  const moveTo = (to: (i: number) => number) => () =>
    api.set((s) => ({ ...s, cursor: { ...s.cursor, [view]: Math.max(0, Math.min(Math.max(0, count - 1), to(s.cursor[view]))) } }));
  const row = view === 'vips' ? rows[api.ui.cursor.vips] : undefined;
  const protocol = view === 'bgp' ? protocols[api.ui.cursor.bgp] : undefined;
  const holder = row ? [...new Set(row.verdict.holders.map((h) => h.host))] : [];
  const others = row ? Object.keys(row.perLb).filter((lb) => !holder.includes(lb)) : [];
  const move = (force: boolean): Handler => ({
    disabled: () => (!available ? 'failover is not available here' : view !== 'vips' ? 'f moves a VIP in the VIPS view (V)' : !row ? 'no VIP selected' : row.resource ? `${row.vip} is a resource script lbtop cannot verify: move its group ${row.instance} from an address row` : others.length === 0 ? `${row.vip} has no other LB to move to` : null),
    // Two LBs is the common pair; with more, the first other LB in config order, and Tab in the preview cycles.
    run: () => api.planMove(row!.vip, others[0]!, force, others),
  });
  // The whole holder: every LB that any of its VIPs could go to is a candidate (the planner refuses the others).
  const lb = holder.length === 1 ? holder[0]! : null;
  const lbTargets = lb ? [...new Set(rows.filter((r) => r.verdict.holders.some((h) => h.host === lb)).flatMap((r) => Object.keys(r.perLb)))].filter((x) => x !== lb) : [];
  const moveLb = (force: boolean): Handler => ({
    disabled: () =>
      !available ? 'failover is not available here'
      : view !== 'vips' ? 'm moves an LB in the VIPS view (V)'
      : !row ? 'no VIP selected'
      : !lb ? `${row.vip} has ${holder.length ? 'more than one holder (split brain)' : 'no holder'}: no LB to empty`
      : lbTargets.length === 0 ? `${lb} has no other LB to move to` : null,
    run: () => api.planLbMove(lb!, lbTargets[0]!, force, lbTargets),
  });
  return {
    'nav.down': moveTo((i) => i + 1),
    'nav.up': moveTo((i) => i - 1),
    'nav.pageDown': moveTo((i) => i + page),
    'nav.pageUp': moveTo((i) => i - page),
    'nav.home': moveTo(() => 0),
    'nav.end': moveTo(() => count - 1),
    'vip.move': move(false),
    'vip.force': move(true),
    'vip.moveLb': moveLb(false),
    'vip.moveLbForce': moveLb(true),
    'bgp.toggle': {
      disabled: () => (!available ? 'BGP actions are not available here' : view !== 'bgp' ? 'x disables/enables a protocol in the BGP view (B)' : !protocol ? 'no protocol selected' : null),
      run: () => api.openDialog({ kind: 'reason', lb: protocol!.lb, protocol: protocol!.protocol, action: protocol!.state === 'down' ? 'enable' : 'disable', text: '' }),
    },
  };
}

