// The subcommands' answer to a plan with unreachable LBs in scope: refused (exit 2) unless --skip-unreachable,
// in which case the plan goes with them left out, and the report and exit code (4) say so.
import { EXIT } from '../cli/exit-codes.js';
import type { Plan } from '../actions/types.js';

/** The exit code when the plan must not go; null (and the plan marked) when it may. */
export function refuseUnreachable(plan: Plan, skip: boolean, err: (text: string) => void): number | null {
  const unreachable = plan.unreachable ?? [];
  if (unreachable.length === 0) return null;
  const names = unreachable.map((u) => u.lb).join(', ');
  if (!skip) {
    err(`REFUSED: ${names} unreachable; it may carry the target and would keep taking traffic. Nothing was sent.\n`);
    err('  bring it back, name the LBs with --lb, or pass --skip-unreachable to apply on the others (exit 4)\n');
    return EXIT.REFUSED;
  }
  plan.skipUnreachable = true;
  err(`warning: leaving out ${names} (unreachable): lbtop does not change them\n`);
  return null;
}
