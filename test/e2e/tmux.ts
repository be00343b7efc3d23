// lbtop in a real terminal for the end-to-end tests: one private tmux server per test file (`-L`), one session,
// its screen as text, keys sent to it, and a wait for something to appear. Ink treats CI=true as
// non-interactive, so the command a test starts unsets CI for lbtop alone (`env -u CI …`).
import { execFileSync } from 'node:child_process';

export interface TmuxTerminal {
  tmux(...args: string[]): string;
  /** The screen now (`-J`: wrapped lines joined). */
  pane(): string;
  keys(...keys: string[]): void;
  until(what: string, test: () => boolean, timeoutMs?: number): Promise<void>;
  /** Ends the tmux server and everything in it (the lbtop it started). */
  kill(): void;
}

export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function tmuxTerminal(server: string, session: string, options: { joined?: boolean } = {}): TmuxTerminal {
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', server, ...args], { encoding: 'utf8' });
  const pane = () => tmux('capture-pane', '-p', ...(options.joined ? ['-J'] : []), '-t', session);
  return {
    tmux,
    pane,
    keys: (...keys) => void tmux('send-keys', '-t', session, ...keys),
    async until(what, test, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!test()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${pane()}`);
        await wait(100);
      }
    },
    kill() {
      try {
        tmux('kill-server');
      } catch {
        // not started, or already gone
      }
    },
  };
}
