// Typed errors that carry a next step for the operator (after Shopify CLI's AbortError with tryMessage).

export class LbtopError extends Error {
  constructor(
    message: string,
    /** What the operator can do about it, shown under the message. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Malformed text from a daemon. `line` is 1-based within the text that was parsed. */
export class ParseError extends LbtopError {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${message} (line ${line})`);
  }
}

/** The runtime API answered, but not with the whole reply (connection closed early, timeout mid-reply). */
export class TruncatedReplyError extends LbtopError {}

/**
 * A command went out and its reply did not come back whole (timeout, connection cut mid-reply, HAProxy reloaded
 * under it): HAProxy may or may not have carried it out. A write that ends so is an UNKNOWN outcome, never FAILED.
 */
export class ReplyLostError extends TruncatedReplyError {}

/** Refused before anything was sent: lbtop runs read-only (-n, `read_only: true`). */
export class ReadOnlyError extends LbtopError {
  constructor(what: string) {
    super(`read-only: ${what} was not sent`, 'lbtop runs read-only (-n or read_only: true); start it without to make changes');
  }
}

/** A write plan reaches LBs lbtop cannot reach now: refused unless the operator leaves them out explicitly. */
export class UnreachableRefusedError extends LbtopError {
  constructor(readonly lbs: readonly string[]) {
    super(
      `refused: ${lbs.join(', ')} ${lbs.length === 1 ? 'is' : 'are'} unreachable and may carry the target; nothing was sent`,
      'bring it back, name the LBs to act on (--lb), or apply without it: --skip-unreachable (the TUI preview: u)',
    );
  }
}

/** A command argument that must never be sent (newline or NUL: it would become a second command). */
export class UnsafeArgumentError extends LbtopError {}

/** The socket refused, timed out or went away. */
export class TransportError extends LbtopError {}

/**
 * A host command started and did not finish in time: it may have done its work (a keepalived stop, a reload).
 * For a write this is an UNKNOWN outcome, like a lost runtime-API reply.
 */
export class CommandTimeoutError extends TransportError {}

/** HAProxy answered with an error text ("Permission denied", "Unknown command", "No such server"). */
export class CommandRejectedError extends LbtopError {
  constructor(
    readonly command: string,
    readonly reply: string,
  ) {
    super(`HAProxy refused "${command}": ${reply.trim()}`);
  }
}

/** A file changed on disk between lbtop's read and its write (someone else edited it): nothing was written. */
export class FileChangedError extends LbtopError {
  constructor(readonly file: string) {
    super(`${file} changed on disk since lbtop read it; nothing was written`, 're-read it, look at the difference, and edit again');
  }
}
