// What the SESSIONS and CAPTURES panels and the drain progress view ask of lbtop (AppServices.sessions): reads in
// parallel per LB, and plans made from a fresh read (never from what the panel showed seconds ago, so the
// preview lists the sessions that will really be cut). Implemented over the fleet by src/runtime/sessions-service.ts.
import type { FleetErrors } from '../../../actions/errors-read.js';
import type { SessionKillTarget } from '../../../actions/session-kill.js';
import type { FleetSessions } from '../../../actions/session-read.js';
import type { Plan } from '../../../actions/types.js';
import type { SessionFilter } from '../../../model/sessions.js';

export interface SessionServices {
  /** The sessions matching `filter` on every LB (or `lbs`). */
  read(filter: SessionFilter, lbs?: readonly string[]): Promise<FleetSessions[]>;
  /** A plan ending one session (`id`) or every session of a server, on `lbs` (default: every LB). */
  plan(target: SessionKillTarget, lbs?: readonly string[]): Promise<Plan>;
  /** Every session of each server on its LB (a stuck drain's leftovers), as one plan. */
  planServers(targets: readonly { lb: string; backend: string; server: string }[]): Promise<Plan>;
  errors(lbs?: readonly string[]): Promise<FleetErrors[]>;
}
