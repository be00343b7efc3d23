// `bgp disable|enable HOST PROTOCOL` with a reason: takes an ingress box out of an anycast/BGP setup (its routes
// are withdrawn from the peers) and back. The reason goes to BIRD as the protocol's message (for BGP, the
// administrative shutdown communication the peer logs). birdc runs without -r here, on purpose: it is the one
// write path, and the protocol name and reason are checked before anything is sent.
import { CommandTimeoutError, LbtopError, UnsafeArgumentError } from '../../model/errors.js';
import type { BirdHostTarget } from '../../model/failover-config.js';
import type { BirdReading } from '../../model/failover-state.js';
import { collectBird, exportedRoutes, importedRoutes } from '../../sources/bird/collect.js';
import type { CommandRunner } from '../../transport/exec.js';
import type { AuditLog } from '../audit-log.js';
import { runWrite } from '../write-path.js';
import { recordOtherPlan } from '../audit-plan.js';
import { nextPlanId } from './context.js';

export interface BgpPlan {
  /** Its preview is the BGP session's state and the birdc command (src/actions/confirmation.ts). */
  preview: 'bgp';
  id: string;
  title: string;
  lb: string;
  protocol: string;
  action: 'disable' | 'enable';
  argv: string[];
  before: { state: string; info: string; imported: number | null; exported: number | null } | null;
  confirmWord: string;
  refused: string | null;
}

export interface BgpReport {
  plan: BgpPlan;
  ok: boolean;
  reply: string;
  after: BgpPlan['before'];
  detail: string;
  /** birdc did not finish in time and the re-read could not show the protocol in the state asked for. */
  unknown?: boolean;
}

export function checkReason(reason: string): string {
  if (!/^[\w .,:;@/()+#=-]{1,120}$/.test(reason)) {
    throw new UnsafeArgumentError(`reason ${JSON.stringify(reason.slice(0, 40))}: use 1 to 120 letters, digits, spaces and . , : ; @ / ( ) + # = -`);
  }
  return reason;
}

const summary = (r: BirdReading | null | undefined, protocol: string): BgpPlan['before'] => {
  const p = r?.protocols.find((x) => x.name === protocol);
  return p && r ? { state: p.state, info: p.info, imported: importedRoutes(r, protocol), exported: exportedRoutes(r, protocol) } : null;
};

export function planBgp(lb: string, target: BirdHostTarget, reading: BirdReading | null, action: 'disable' | 'enable', protocol: string, reason: string): BgpPlan {
  if (!/^[A-Za-z_][\w.-]*$/.test(protocol)) throw new UnsafeArgumentError(`not a BIRD protocol name: ${JSON.stringify(protocol)}`);
  const before = summary(reading, protocol);
  let refused: string | null = null;
  if (!reading) refused = `BIRD on ${lb} not read`;
  else if (!before) refused = `${lb} has no protocol ${protocol} (it has ${reading.protocols.map((p) => p.name).join(', ')})`;
  else if (action === 'disable' && before.state === 'down') refused = `${protocol} on ${lb} is already down (${before.info})`;
  else if (action === 'enable' && before.state !== 'down') refused = `${protocol} on ${lb} is not disabled (${before.state} ${before.info})`;
  return {
    preview: 'bgp',
    id: nextPlanId('bgp'),
    title: `${action} ${protocol} on ${lb}: ${reason}`,
    lb, protocol, action,
    argv: [target.client, '-v', '-s', target.socket, action, protocol, `"${checkReason(reason)}"`],
    before,
    confirmWord: protocol,
    refused,
  };
}

export async function applyBgp(plan: BgpPlan, deps: { runner: CommandRunner; target: BirdHostTarget; audit: AuditLog; sleep?: (ms: number) => Promise<void> }): Promise<BgpReport> {
  if (plan.refused) throw new LbtopError(`refused: ${plan.refused}`);
  // History's record of the action (audit-plan.ts); a read-only runner refuses below, before anything is recorded.
  if (!deps.runner.readOnly) {
    recordOtherPlan(deps.audit, { id: plan.id, title: plan.title, kind: 'bgp', lbs: [plan.lb], steps: [{ lb: plan.lb, command: plan.argv.join(' ') }], undoNote: `undo not offered for a BGP change: run its opposite (lbtop bgp ${plan.action === 'disable' ? 'enable' : 'disable'} ${plan.lb} ${plan.protocol}), with its own preview` });
  }
  let reply: string;
  let lost = false;
  try {
    const r = await runWrite(deps.audit, plan.lb, deps.runner, plan.argv, {}, plan.id);
    reply = (r.stdout + r.stderr).trim();
    // birdc exits 0 even when BIRD refuses; -v keeps the reply codes: 8xxx/9xxx are errors.
    if (r.code !== 0 || /^[89]\d{3}[ -]/m.test(r.stdout)) return { plan, ok: false, reply, after: plan.before, detail: `BIRD refused: ${reply}` };
  } catch (error) {
    // birdc started and did not finish: BIRD may have done it. The re-read below says; until then, unknown.
    if (!(error instanceof CommandTimeoutError)) throw error;
    lost = true;
    reply = `OUTCOME UNKNOWN: ${error.message}`;
  }
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((res) => setTimeout(res, ms)));
  let after: BgpPlan['before'] = null;
  for (let i = 0; i < 30; i++) {
    after = summary(await collectBird(deps.runner, deps.target).catch(() => null), plan.protocol);
    if (after && (plan.action === 'disable' ? after.state === 'down' : after.state !== 'down')) break;
    await sleep(100);
  }
  const ok = after !== null && (plan.action === 'disable' ? after.state === 'down' : after.state !== 'down');
  const detail = after ? `${plan.protocol} is ${after.state} ${after.info}`.trim() : 'could not re-read BIRD';
  return { plan, ok, reply, after, detail: lost ? `${ok ? 'birdc timed out, but ' : 'OUTCOME UNKNOWN: birdc timed out; '}${detail}` : detail, unknown: lost && !ok };
}
