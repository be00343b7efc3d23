// lbtop's exit statuses, one meaning each, for runbooks (README "Exit codes", and `lbtop --help`).
import { ReadOnlyError, UnreachableRefusedError, UnsafeArgumentError } from '../model/errors.js';
import type { ApplyReport } from '../actions/types.js';

export const EXIT = {
  /** Done: every LB answered (status), or every change applied and verified. */
  OK: 0,
  /** Not done: an LB failed or refused, a verification found another state, nothing to do, or the operator said no. */
  FAILED: 1,
  /** Refused before anything was sent: usage or config error, read-only, an unreachable LB, an unsafe argument. */
  REFUSED: 2,
  /** A command went out and its reply was lost, and re-reading the LB could not show what happened: look first. */
  UNKNOWN: 3,
  /** Applied and verified on every LB in the plan, but unreachable LBs were left out (--skip-unreachable). */
  LEFT_OUT: 4,
} as const;

/** Each exit status and its meaning, as --help and the man page's EXIT STATUS say it. */
export const EXIT_CODE_MEANINGS: readonly (readonly [number, string])[] = [
  [EXIT.OK, 'done: every change applied and verified (status: every LB answered)'],
  [EXIT.FAILED, 'not done: an LB failed or refused, a verification disagreed, nothing to send, or not confirmed'],
  [EXIT.REFUSED, 'refused before anything was sent: usage/config error, read-only, unreachable LB, unsafe argument'],
  [EXIT.UNKNOWN, 'outcome UNKNOWN on at least one LB: a reply was lost and a re-read could not settle it'],
  [EXIT.LEFT_OUT, 'applied and verified, but unreachable LBs were left out (--skip-unreachable)'],
];
/** The read-only reports answer differently: found or not found, like grep. */
export const EXIT_CODES_REPORTS = 'drift, trace, certs, vip status, tables, peers: 0 all well, 1 something found, 2 an LB could not be read';

export const EXIT_CODES_HELP = `
Exit codes:
${EXIT_CODE_MEANINGS.map(([code, meaning]) => `  ${code}  ${meaning}`).join('\n')}
  ${EXIT_CODES_REPORTS}
`;

export function exitCodeOf(report: ApplyReport): number {
  if (report.outcomes.some((o) => o.status === 'unknown')) return EXIT.UNKNOWN;
  if (!report.ok) return EXIT.FAILED;
  return report.leftOut.length > 0 ? EXIT.LEFT_OUT : EXIT.OK;
}

/** Errors that mean "refused before sending" exit 2; anything else thrown is a failure. */
export function exitCodeOfError(error: unknown): number {
  return error instanceof ReadOnlyError || error instanceof UnreachableRefusedError || error instanceof UnsafeArgumentError ? EXIT.REFUSED : EXIT.FAILED;
}
