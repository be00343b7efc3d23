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

/** A command argument that must never be sent (newline or NUL: it would become a second command). */
export class UnsafeArgumentError extends LbtopError {}

/** The socket refused, timed out or went away. */
export class TransportError extends LbtopError {}

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
