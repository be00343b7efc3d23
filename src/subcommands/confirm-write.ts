// The subcommands' one confirmation, as the TUI's write dialog does it (src/ui/state/write-dialog.ts): whatever
// planned the write, its Preview is printed with the dialog's own lines, a refusal stops it, `--dry-run` stops
// after the preview, `--yes` or the terminal's answer (y, or the word typed out when confirmOf asks for one)
// sends it, and the Outcome is printed with the dialog's lines. What follows a send (rollback offers, JSON, exit
// codes of the report) stays with each subcommand.
import { blockedWhy, confirmOf, type Outcome, type Preview } from '../actions/confirmation.js';
import { EXIT } from '../cli/exit-codes.js';
import { outcomeText, previewText } from '../present/confirmation.js';

export interface ConfirmIo {
  out(text: string): void;
  err(text: string): void;
  /** A terminal y to `question`; false when not given or stdin is no terminal (absent: never confirmed). */
  confirm?(question: string): Promise<boolean>;
  /** `word` typed out on the terminal (absent: never confirmed). */
  askWord?(prompt: string, word: string): Promise<boolean>;
}

export interface WriteFlags {
  dryRun: boolean;
  yes: boolean;
  /** `--skip-unreachable`: a servers plan goes without the LBs that did not answer (the preview's `u`). */
  skipUnreachable?: boolean;
  /** false: never ask the terminal, only `yes` sends (a drain held by a failed hook: --yes did not confirm that). */
  ask?: boolean;
}

export interface WriteSend<T> {
  /** Sends the confirmed write, through the write path. */
  send(): Promise<T>;
  /** What is printed of the result; null when the subcommand prints its own (a user command's output). */
  outcome(result: T): Outcome | null;
  /** The exit code when there is nothing to send (default: 1, and 0 for a map/ACL edit with nothing to change). */
  nothing?: number;
}

export type WriteResult<T> = { sent: true; result: T } | { sent: false; code: number; why: 'refused' | 'nothing' | 'dry-run' | 'declined' };

export async function confirmWrite<T>(preview: Preview, flags: WriteFlags, io: ConfirmIo, how: WriteSend<T>): Promise<WriteResult<T>> {
  const unreachable = preview.preview === 'servers' ? (preview.unreachable ?? []) : [];
  if (preview.preview === 'servers' && unreachable.length > 0 && flags.skipUnreachable) {
    preview.skipUnreachable = true;
    io.err(`warning: leaving out ${unreachable.map((u) => u.lb).join(', ')} (unreachable): lbtop does not change them\n`);
  }
  io.out(`${previewText(preview)}\n`);
  const refused = refusal(preview, io);
  if (refused !== null) return { sent: false, code: refused, why: 'refused' };
  if (nothingToSend(preview)) return { sent: false, code: how.nothing ?? (preview.preview === 'entries' ? EXIT.OK : EXIT.FAILED), why: 'nothing' };
  if (flags.dryRun) return { sent: false, code: EXIT.OK, why: 'dry-run' };
  if (!flags.yes && !(flags.ask !== false && (await asked(preview, io)))) {
    io.out('cancelled: nothing was sent\n');
    return { sent: false, code: EXIT.FAILED, why: 'declined' };
  }
  const result = await how.send();
  const outcome = how.outcome(result);
  if (outcome) io.out(`${outcomeText(outcome)}\n`);
  return { sent: true, result };
}

/** R in the outcome dialog: `--yes` takes the rollback at once, a terminal y takes it, anything else leaves it. */
export async function confirmRollback(label: string, flags: { yes: boolean }, io: ConfirmIo): Promise<boolean> {
  return flags.yes || ((await io.confirm?.(`${label[0]!.toUpperCase()}${label.slice(1)}?`)) ?? false);
}

function asked(preview: Preview, io: ConfirmIo): Promise<boolean> {
  const confirm = confirmOf(preview);
  if (confirm.by === 'word') return io.askWord?.(`Type ${confirm.word} and Enter to send: `, confirm.word) ?? Promise.resolve(false);
  return io.confirm?.('Send?') ?? Promise.resolve(false);
}

/** The exit code of a preview that must not be sent (said on stderr where the preview does not say it), or null. */
function refusal(p: Preview, io: ConfirmIo): number | null {
  switch (p.preview) {
    case 'servers': {
      if (p.refused?.length) {
        io.err(`REFUSED before sending:\n${p.refused.map((r) => `  ${r}\n`).join('')}Nothing was sent.\n`);
        return EXIT.REFUSED;
      }
      const unreachable = p.unreachable ?? [];
      if (unreachable.length === 0 || p.skipUnreachable) return null;
      io.err(`REFUSED: ${unreachable.map((u) => u.lb).join(', ')} unreachable; it may carry the target and would keep taking traffic. Nothing was sent.\n`);
      io.err('  bring it back, name the LBs with --lb, or pass --skip-unreachable to apply on the others (exit 4)\n');
      return EXIT.REFUSED;
    }
    case 'entries':
      if (p.errors.length === 0) return null;
      io.err(`${blockedWhy(p)}\n`);
      return EXIT.REFUSED;
    default:
      // A move or a BGP change the state does not allow is "not done" (1), its preview saying REFUSED and why.
      return blockedWhy(p) ? EXIT.FAILED : null;
  }
}

function nothingToSend(p: Preview): boolean {
  if (p.preview === 'servers') return p.commands.length === 0;
  return p.preview === 'entries' && p.lbs.every((l) => l.noop);
}
