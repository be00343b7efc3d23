// The bytes read on a kept (prompt-mode) connection and not yet handed out as replies.
//
// Chunks are appended in place into a buffer that doubles when full, and the search for a reply's end resumes
// where the last one stopped. A 2.5 MB `show stat` arrives in ~40–200 chunks: concatenating the whole buffer
// again for each one (and searching it from its start) copied it over and over, quadratic in the reply's size
// and megabytes of garbage per poll outside V8's heap. A reply is handed out as a view of the buffer, and the
// buffer is only ever written past its end, never under a view already handed out.

const PROMPT = Buffer.from('\n> ');
/** The end of a non-empty reply in prompt mode: its empty line, then the prompt. */
const REPLY_END = Buffer.from('\n\n> ');
const FIRST_SIZE = 64 * 1024;

export class PromptReads {
  private store = Buffer.alloc(0);
  private start = 0;
  private end = 0;
  /** Bytes from `start` already searched for a reply's end without finding it. */
  private searched = 0;

  get length(): number {
    return this.end - this.start;
  }

  append(chunk: Buffer): void {
    if (this.end + chunk.length > this.store.length) {
      const live = this.length;
      const next = Buffer.allocUnsafe(Math.max(live + chunk.length, live * 2, FIRST_SIZE));
      this.store.copy(next, 0, this.start, this.end);
      this.store = next;
      this.start = 0;
      this.end = live;
    }
    chunk.copy(this.store, this.end);
    this.end += chunk.length;
  }

  /** True when what is read starts with the prompt (`> ` after an empty reply). */
  startsWithPrompt(): boolean {
    const s = this.store;
    const i = this.start;
    return this.length >= PROMPT.length && s[i] === PROMPT[0] && s[i + 1] === PROMPT[1] && s[i + 2] === PROMPT[2];
  }

  /** Drops the prompt that answers a pipelined `prompt` (call when startsWithPrompt()). */
  skipPrompt(): void {
    this.take(PROMPT.length);
  }

  /**
   * The first complete reply (its "> " dropped), or null while it is incomplete. An empty reply is "\n"; a full
   * one ends with its empty line, "...\n\n".
   */
  nextReply(): Buffer | null {
    if (this.startsWithPrompt()) {
      const reply = this.take(1);
      this.take(2);
      return reply;
    }
    const bytes = this.store.subarray(this.start, this.end);
    const at = bytes.indexOf(REPLY_END, Math.max(0, this.searched - (REPLY_END.length - 1)));
    if (at < 0) {
      this.searched = bytes.length;
      return null;
    }
    const reply = this.take(at + 2);
    this.take(2);
    return reply;
  }

  private take(n: number): Buffer {
    const out = this.store.subarray(this.start, this.start + n);
    this.start += n;
    this.searched = Math.max(0, this.searched - n);
    return out;
  }
}
