// The SSH pool's passphrase hook, answered by the TUI. Asks are queued and shown one at a time; until the UI
// subscribes (it mounts after the first polls start) they wait. The passphrase goes straight back to the
// pool's key loader: nothing here stores, copies or logs it. close() refuses whatever is still pending, so a
// quitting lbtop never leaves a handshake hanging.
import type { PassphraseRequest, PassphraseSource } from '../../model/passphrase.js';

interface Pending {
  keyPath: string;
  attempt: number;
  /** Several hosts using the same key wait on one dialog and get the same answer. */
  resolvers: ((passphrase: string | null) => void)[];
}

export class PassphrasePrompts implements PassphraseSource {
  private readonly queue: Pending[] = [];
  private readonly listeners = new Set<(request: PassphraseRequest | null) => void>();
  private readonly attempts = new Map<string, number>();
  private closed = false;

  /** The pool's `askPassphrase`. `host` is for the dialog only. */
  readonly ask = (keyPath: string, host?: string): Promise<string | null> => {
    if (this.closed) return Promise.resolve(null);
    if (host) this.hostsOf(keyPath).add(host);
    const joined = this.queue.find((p) => p.keyPath === keyPath);
    if (joined) {
      const promise = new Promise<string | null>((resolve) => joined.resolvers.push(resolve));
      if (joined === this.queue[0]) this.announce(); // the open dialog names the new host too
      return promise;
    }
    const attempt = (this.attempts.get(keyPath) ?? 0) + 1;
    this.attempts.set(keyPath, attempt);
    return new Promise((resolve) => {
      this.queue.push({ keyPath, attempt, resolvers: [resolve] });
      if (this.queue.length === 1) this.announce();
    });
  };

  subscribe(listener: (request: PassphraseRequest | null) => void): () => void {
    this.listeners.add(listener);
    listener(this.current());
    return () => this.listeners.delete(listener);
  }

  /** Refuses every pending ask (lbtop is quitting). */
  close(): void {
    this.closed = true;
    for (const p of this.queue.splice(0)) for (const resolve of p.resolvers) resolve(null);
    this.announce();
  }

  private readonly hosts = new Map<string, Set<string>>();
  private hostsOf(keyPath: string): Set<string> {
    let set = this.hosts.get(keyPath);
    if (!set) this.hosts.set(keyPath, (set = new Set()));
    return set;
  }

  private current(): PassphraseRequest | null {
    const head = this.queue[0];
    if (!head) return null;
    let answered = false;
    return {
      keyPath: head.keyPath,
      attempt: head.attempt,
      hosts: [...this.hostsOf(head.keyPath)],
      answer: (passphrase) => {
        if (answered || this.queue[0] !== head) return; // a double Enter answers once
        answered = true;
        this.queue.shift();
        if (passphrase === null) this.attempts.delete(head.keyPath);
        for (const resolve of head.resolvers) resolve(passphrase);
        this.announce();
      },
    };
  }

  private announce(): void {
    const request = this.current();
    for (const listener of this.listeners) listener(request);
  }
}
