// The subcommands' answer to an encrypted SSH key (the TUI answers with a dialog): the same PassphrasePrompts
// queue, so hosts sharing a key wait on one question and it is asked once per key file, read on the terminal
// with nothing echoed. Without a terminal (a script, cron, a pipe) nobody can answer: lbtop says once per key
// file which key it is and that it belongs in ssh-agent, and skips it; the host then fails with its auth error.
import type { PassphraseRequest } from '../../model/passphrase.js';
import type { PassphrasePrompts } from './prompts.js';
import { readSecret, type TextOutput, type TtyInput } from './secret-reader.js';

export interface TerminalIo {
  input: TtyInput;
  /** Prompts and notices: stderr in lbtop. */
  output: TextOutput;
}

const ATTEMPTS = 3; // as auth.ts gives up after three wrong passphrases

export function promptText(request: Pick<PassphraseRequest, 'keyPath' | 'attempt' | 'hosts'>): string {
  const hosts = request.hosts.length ? ` (${request.hosts.join(', ')})` : '';
  return request.attempt > 1
    ? `Wrong passphrase, try again (${request.attempt}/${ATTEMPTS}) for key '${request.keyPath}': `
    : `Enter passphrase for key '${request.keyPath}'${hosts}: `;
}

export function notTerminalText(request: Pick<PassphraseRequest, 'keyPath' | 'hosts'>): string {
  const hosts = request.hosts.length ? ` for ${request.hosts.join(', ')}` : '';
  return `lbtop: SSH key ${request.keyPath}${hosts} is encrypted and stdin is not a terminal to ask its passphrase: ` +
    `load it into ssh-agent first (ssh-add ${request.keyPath})\n`;
}

/** Answers every request of `prompts` on the terminal (or refuses it); returns the unsubscribe function. */
export function answerOnTerminal(prompts: PassphrasePrompts, io: TerminalIo): () => void {
  const told = new Set<string>();
  let busy: PassphraseRequest | null = null;
  const unsubscribe = prompts.subscribe((request) => {
    // subscribe() repeats the open request when a host joins it: one question is already on the screen.
    if (!request || busy?.keyPath === request.keyPath) return;
    if (io.input.isTTY !== true) {
      if (!told.has(request.keyPath)) io.output.write(notTerminalText(request));
      told.add(request.keyPath);
      return request.answer(null);
    }
    busy = request;
    void readSecret(io.input, io.output, promptText(request)).then((answer) => {
      busy = null;
      if (answer === 'abort') return prompts.close();
      request.answer(answer);
    });
  });
  return unsubscribe;
}
