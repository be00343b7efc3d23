// The stdout Ink is given: it looks like the terminal (isTTY, columns, rows, 'resize') but takes whole frames.
// Ink in debug mode writes each frame whole, once per render, to the stream it has; here only the newest frame
// is kept, and a few milliseconds later (so that the renders of one poll or one key make one frame) the
// ScreenWriter turns it into the cells that changed, written to the real terminal in one write.
import { EventEmitter } from 'node:events';
import { ScreenWriter, type ScreenSize } from './screen-writer.js';
import { ENTER, LEAVE } from '../terminal.js';

/** Renders of one poll or key arrive within a few ms of each other (React runs effects on the next turn). */
const FRAME_DELAY_MS = 4;

export class ScreenStream extends EventEmitter {
  private readonly writer = new ScreenWriter();
  private frame: string | null = null;
  private shown: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private suspended = false;
  private stopped = false;
  /** Frames flushed to the terminal and bytes written: what a benchmark or test may want to know. */
  readonly stats = { frames: 0, bytes: 0 };

  constructor(private readonly tty: NodeJS.WriteStream) {
    super();
    tty.on('resize', this.onResize);
  }

  get isTTY(): boolean {
    return this.tty.isTTY === true;
  }

  get columns(): number {
    return this.tty.columns;
  }

  get rows(): number {
    return this.tty.rows;
  }

  /** A frame from Ink (any other text would be taken as a frame too: only Ink writes here). */
  write(data: string | Uint8Array, encoding?: BufferEncoding | (() => void), callback?: () => void): boolean {
    const done = typeof encoding === 'function' ? encoding : callback;
    const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
    if (text !== '' && !this.stopped) {
      this.frame = text;
      this.timer ??= setTimeout(this.flush, FRAME_DELAY_MS);
    }
    if (done) queueMicrotask(done);
    return true;
  }

  /** Writes the newest frame's changes now. */
  flush = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped || this.suspended || this.frame === null) return;
    this.shown = this.frame;
    this.frame = null;
    const bytes = this.writer.update(this.shown, this.size());
    if (bytes === '') return;
    this.stats.frames++;
    this.stats.bytes += Buffer.byteLength(bytes);
    this.tty.write(bytes);
  };

  /** Hands the terminal over (an editor): the main screen back, no frames drawn until resume(). */
  suspend(): void {
    this.flush();
    this.suspended = true;
    this.tty.write(this.writer.release() + LEAVE);
  }

  /** Takes the terminal back and draws the newest frame whole. */
  resume(): void {
    this.tty.write(ENTER);
    this.suspended = false;
    this.writer.invalidate();
    this.frame ??= this.shown;
    this.flush();
  }

  /** No more writes to the terminal (it is being restored): a frame still pending is dropped. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.stopped) {
      const reset = this.writer.release();
      if (reset) this.tty.write(reset);
    }
    this.stopped = true;
    this.tty.off('resize', this.onResize);
  }

  private size(): ScreenSize {
    return { columns: Math.max(1, this.tty.columns || 80), rows: Math.max(1, this.tty.rows || 24) };
  }

  private readonly onResize = () => {
    this.writer.invalidate();
    // Drawn whole even if Ink had nothing new to say about the new size.
    if (!this.stopped) {
      this.frame ??= this.shown;
      this.timer ??= setTimeout(this.flush, FRAME_DELAY_MS);
    }
    this.emit('resize');
  };
}
