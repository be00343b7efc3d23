// A counting semaphore for session channels. sshd caps sessions per connection (MaxSessions, default 10) and
// frees a slot only after its close handshake, a little after our side saw 'close'; staying below the cap, with
// room for those stragglers, turns "open failed" refusals under load into a short wait.
import { TransportError } from '../../model/errors.js';

export class Slots {
  private used = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  /** Resolves with a release function once a slot is free; rejects if none frees up within `timeoutMs`. */
  take(timeoutMs: number, what: string): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const grant = () => {
        this.used += 1;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.used -= 1;
          this.waiting.shift()?.();
        });
      };
      if (this.used < this.size) return grant();
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(wake), 1);
        reject(new TransportError(`${what}: all ${this.size} sessions busy for ${timeoutMs} ms`));
      }, timeoutMs);
      const wake = () => {
        clearTimeout(timer);
        grant();
      };
      this.waiting.push(wake);
    });
  }
}
