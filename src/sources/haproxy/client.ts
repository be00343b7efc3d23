// The runtime-API client: frames replies, applies timeouts, keeps one command in flight per connection.
//
// Framing (HAProxy src/cli.c): every reply ends with an empty line, so it is complete when the text is "\n"
// (success with nothing to say) or ends in "\n\n". In the default one-shot mode HAProxy closes the connection
// after one reply; a close before the empty line means the reply was cut (reload, crash, timeout) and is
// reported as truncated rather than parsed as if whole. In `prompt` mode the connection is kept and every
// reply is followed by the "> " prompt, which saves a connection per command (worth it over SSH).
import type { Duplex } from 'node:stream';
import { ReplyLostError, TransportError } from '../../model/errors.js';
import { ExchangeInterrupted, type StreamConnector } from '../../transport/types.js';
import { replyText } from './reply-bytes.js';
import { PromptReads } from './prompt-reads.js';

export interface HaproxyClientOptions {
  timeoutMs?: number;
  /** Keep one connection open in `prompt` mode instead of one connection per command. */
  keepAlive?: boolean;
  /**
   * With keepAlive: `prompt` goes out in the same write as the first command instead of a round trip before it
   * (HAProxy answers them in order). For reads only (the pollers): if the connection fails, a command may have
   * been sent although `prompt` never answered, so a write could not be reported as not sent.
   */
  pipelinePrompt?: boolean;
}

export interface RuntimeApi {
  readonly label: string;
  /** Set by the read-only gate (actions/write-gate.ts): this client sends nothing that changes state. */
  readonly readOnly?: boolean;
  /** Sends one already-built command line (see command.ts) and resolves with the whole reply text. */
  send(commandLine: string, timeoutMs?: number): Promise<string>;
  /**
   * send for the large replies read every poll (`show stat`): the reply's bytes, no string built. Optional: a
   * caller without it encodes send's text.
   */
  sendBytes?(commandLine: string, timeoutMs?: number): Promise<Buffer>;
  /**
   * Several read commands in one write on a kept connection, the replies in order (HAProxy answers a prompt-mode
   * session's lines in turn): a poll's `show info` and `show stat` in one SSH packet and one round trip.
   * Optional: a caller without it sends them one by one.
   */
  sendAll?(commandLines: readonly string[], timeoutMs?: number): Promise<Buffer[]>;
  /**
   * True when the connection may stay open between polls (the connector says so: a stream that holds no process
   * or session slot on the host). The poller then closes it only when HAProxy says it is stopping (a reload).
   */
  readonly keepable?: boolean;
  close(): void;
  /**
   * A client on one kept connection for a short batch (one LB's commands of one action), which the caller closes
   * when the batch ends: over SSH one channel (and one socat) instead of one per command.
   */
  session?(): RuntimeApi;
}

/** "\n> ": the prompt that answers a pipelined `prompt`. */
const PROMPT_LENGTH = 3;

/**
 * `skip`: replies still to come that nobody waits for (a pipelined `prompt`'s); `pending`: text to send with the
 * next command; `received`: bytes read so far, to tell a connection that closed before answering.
 */
type Kept = { stream: Duplex; reads: PromptReads; closed: boolean; skip: number; pending: string; received: number };

export function isCompleteReply(text: string): boolean {
  return text === '\n' || text.endsWith('\n\n');
}


/** A connection that breaks during a command: HAProxy stopped, or a reload replaced the process under us. */
function midCommandError(error: NodeJS.ErrnoException, commandLine: string): string {
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return `connection reset during "${commandLine}" (HAProxy stopped or reloaded?)`;
  return error.message;
}

export class HaproxyClient implements RuntimeApi {
  private readonly timeoutMs: number;
  private readonly keepAlive: boolean;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pipelinePrompt: boolean;
  private kept: Kept | null = null;

  constructor(
    private readonly connector: StreamConnector,
    options: HaproxyClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.keepAlive = options.keepAlive ?? false;
    this.pipelinePrompt = options.pipelinePrompt ?? false;
  }

  get label(): string {
    return this.connector.label;
  }

  get keepable(): boolean {
    return this.keepAlive && this.connector.keepable === true;
  }

  send(commandLine: string, timeoutMs = this.timeoutMs): Promise<string> {
    if (/[\n\r\0]/.test(commandLine)) {
      return Promise.reject(new TransportError('a command line cannot contain a newline or NUL'));
    }
    return this.enqueue(async () => (this.keepAlive ? replyText((await this.sendKept([commandLine], timeoutMs))[0]!) : this.sendOnce(commandLine, timeoutMs)));
  }

  async sendAll(commandLines: readonly string[], timeoutMs = this.timeoutMs): Promise<Buffer[]> {
    if (commandLines.some((line) => /[\n\r\0]/.test(line))) throw new TransportError('a command line cannot contain a newline or NUL');
    if (this.keepAlive) return this.enqueue(() => this.sendKept(commandLines, timeoutMs));
    const replies: Buffer[] = [];
    for (const line of commandLines) replies.push(await this.sendBytes(line, timeoutMs));
    return replies;
  }

  async sendBytes(commandLine: string, timeoutMs = this.timeoutMs): Promise<Buffer> {
    if (/[\n\r\0]/.test(commandLine)) throw new TransportError('a command line cannot contain a newline or NUL');
    // A kept connection reads bytes: the reply is handed on as it came, never decoded and encoded again.
    if (this.keepAlive) return this.enqueue(async () => (await this.sendKept([commandLine], timeoutMs))[0]!);
    if (!this.connector.exchange) return Buffer.from(await this.send(commandLine, timeoutMs), 'utf8');
    return this.enqueue(() => this.exchangeBytes(commandLine, timeoutMs));
  }

  /** One command at a time per client: replies on a kept connection are only framed by order. */
  private enqueue<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  close(): void {
    this.kept?.stream.destroy();
    this.kept = null;
  }

  session(): RuntimeApi {
    return new HaproxyClient(this.connector, { timeoutMs: this.timeoutMs, keepAlive: true });
  }

  private async sendOnce(commandLine: string, timeoutMs: number): Promise<string> {
    if (this.connector.exchange) return this.exchangeOnce(commandLine, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    const stream = await this.connector.connect(timeoutMs);
    return new Promise((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => {
        stream.destroy();
        reject(new ReplyLostError(`${this.label}: no complete reply to "${commandLine}" within ${timeoutMs} ms`));
      }, Math.max(1, deadline - Date.now()));
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        text += chunk;
      });
      stream.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new ReplyLostError(`${this.label}: ${midCommandError(error, commandLine)}`));
      });
      stream.once('close', () => {
        clearTimeout(timer);
        try {
          resolve(this.wholeReply(text, commandLine));
        } catch (error) {
          reject(error);
        }
      });
      stream.write(`${commandLine}\n`);
    });
  }

  /** sendOnce over the connector's one-buffer fast path (local sockets), with the same errors. */
  private async exchangeOnce(commandLine: string, timeoutMs: number): Promise<string> {
    return this.wholeReply(replyText(await this.exchangeRaw(commandLine, timeoutMs)), commandLine);
  }

  private async exchangeBytes(commandLine: string, timeoutMs: number): Promise<Buffer> {
    const bytes = await this.exchangeRaw(commandLine, timeoutMs);
    const length = bytes.length;
    // The same framing check as wholeReply's, on the bytes: "\n" alone, or ending in "\n\n".
    if ((length === 1 && bytes[0] === 10) || (length >= 2 && bytes[length - 1] === 10 && bytes[length - 2] === 10)) return bytes;
    this.wholeReply(replyText(bytes), commandLine);
    return bytes; // not reached: wholeReply throws for an incomplete reply
  }

  private async exchangeRaw(commandLine: string, timeoutMs: number): Promise<Buffer> {
    let bytes: Buffer;
    try {
      bytes = await this.connector.exchange!(`${commandLine}\n`, timeoutMs);
    } catch (error) {
      if (!(error instanceof ExchangeInterrupted)) throw error;
      if (error.reason === 'timeout') throw new ReplyLostError(`${this.label}: no complete reply to "${commandLine}" within ${timeoutMs} ms`);
      throw new ReplyLostError(`${this.label}: ${midCommandError(error.reason, commandLine)}`);
    }
    return bytes;
  }

  /** The reply read until HAProxy closed the connection, or a ReplyLostError when it was cut short. */
  private wholeReply(text: string, commandLine: string): string {
    if (isCompleteReply(text)) return text;
    if (text === '') throw new ReplyLostError(`${this.label}: connection closed with no reply to "${commandLine}"`);
    throw new ReplyLostError(`${this.label}: reply to "${commandLine}" was cut after ${text.length} bytes`);
  }

  private async sendKept(commandLines: readonly string[], timeoutMs: number): Promise<Buffer[]> {
    // Text nobody asked for (a reply that came after its prompt was matched) would be read as this command's
    // reply: the connection is out of step, so it is dropped and a fresh one opened.
    if (this.kept && this.kept.reads.length !== 0) this.close();
    const reused = this.kept !== null && !this.kept.closed;
    let conn: Awaited<ReturnType<HaproxyClient['ensureKept']>>;
    try {
      conn = await this.ensureKept(timeoutMs);
    } catch (error) {
      // The connection (or its `prompt`) failed before this command was written: it was not sent.
      if (error instanceof ReplyLostError) throw new TransportError(error.message);
      throw error;
    }
    // A pipelined `prompt` not yet flushed leaves in the same write (one SSH packet, no round trip of its own).
    const receivedBefore = conn.received;
    conn.stream.write(`${conn.pending}${commandLines.join('\n')}\n`);
    conn.pending = '';
    const replies: Buffer[] = [];
    try {
      for (const line of commandLines) replies.push(await this.readUntilPrompt(conn, timeoutMs, line));
    } catch (error) {
      // A connection kept from an earlier poll that closed without a byte of answer (HAProxy's `stats timeout`
      // ends an idle CLI session, a reload closed it): reads are asked again once on a fresh connection. Only a
      // poll's client (reads only, pipelinePrompt) does this: a write must never go out twice.
      if (!(reused && this.pipelinePrompt && conn.closed && conn.received === receivedBefore)) throw error;
      this.close();
      return this.sendKept(commandLines, timeoutMs);
    }
    return replies;
  }

  private async ensureKept(timeoutMs: number) {
    if (this.kept && !this.kept.closed) return this.kept;
    const stream = await this.connector.connect(timeoutMs);
    const conn: Kept = { stream, reads: new PromptReads(), closed: false, skip: 0, pending: '', received: 0 };
    stream.on('data', (chunk: Buffer) => {
      conn.reads.append(chunk);
      conn.received += chunk.length;
      stream.emit('lbtop:data');
    });
    const markClosed = () => {
      conn.closed = true;
      stream.emit('lbtop:data');
    };
    stream.once('close', markClosed);
    stream.once('error', markClosed);
    this.kept = conn;
    if (this.pipelinePrompt) {
      conn.pending = 'prompt\n';
      conn.skip = 1;
      return conn;
    }
    stream.write('prompt\n');
    await this.readUntilPrompt(conn, timeoutMs, 'prompt');
    return conn;
  }

  private readUntilPrompt(conn: Kept, timeoutMs: number, commandLine: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const check = () => {
        // The pipelined `prompt` answers with an empty reply and the prompt ("\n> ") before the command's reply.
        if (conn.skip > 0 && conn.reads.length >= PROMPT_LENGTH) {
          if (!conn.reads.startsWithPrompt()) conn.stream.destroy(); // not in prompt mode: out of step
          else {
            conn.reads.skipPrompt();
            conn.skip -= 1;
          }
        }
        // Each reply is followed by "> ": "\n> " after an empty reply, "...\n\n> " after a full one. Replies to
        // lines written together follow each other: the first such end is this command's.
        const reply = conn.skip === 0 ? conn.reads.nextReply() : null;
        if (reply) {
          finish();
          resolve(reply);
          return;
        }
        if (conn.closed) {
          finish();
          if (this.kept === conn) this.kept = null;
          reject(new ReplyLostError(`${this.label}: connection closed during the reply to "${commandLine}"`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        conn.stream.destroy();
        if (this.kept === conn) this.kept = null;
        reject(new ReplyLostError(`${this.label}: no complete reply to "${commandLine}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        conn.stream.off('lbtop:data', check);
      };
      conn.stream.on('lbtop:data', check);
      check();
    });
  }
}
