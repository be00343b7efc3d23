// Whole frames in, the bytes that change the terminal from the last frame to this one out: a grid of cells is
// kept for the screen, and only the cells that differ are written (draw-row.ts). A frame that changes no cell
// writes nothing at all. After a resize, or when the screen was given away (an editor), the next frame is drawn
// whole on a cleared screen.
//
// Why: Ink rewrites every line that changed in full, so a poll that moves one counter on each of 40 rows wrote
// 40 lines of 200 columns with their colour codes; over an SSH link from a laptop that was 60-100x hatop's bytes.
import { blankRow, parseLine, type Row } from './cells.js';
import { drawRow, type Terminal } from './draw-row.js';
import { PenTable } from './pen.js';

export interface ScreenSize {
  columns: number;
  rows: number;
}

/**
 * Synchronized output (DEC mode 2026): the terminal shows a large update at once, not as it arrives. A small one
 * (a few counters) is one read for the terminal anyway; there the 16 bytes would be a third of the update.
 */
export const BEGIN_SYNC = '\x1b[?2026h';
export const END_SYNC = '\x1b[?2026l';
export const CLEAR = '\x1b[H\x1b[2J';

/** More pens than a theme has: hostile text is cycling colours. The table starts again (and the screen with it). */
const MAX_PENS = 4096;
const SYNC_FROM_BYTES = 512;

interface Drawn {
  size: ScreenSize;
  rows: Row[];
  /** The frame's text of each row, and the pens its SGR state starts and ends with: a row whose text and start
   *  pen are the same as last time has the same cells, without parsing it again. */
  lines: string[];
  startPens: number[];
  endPens: number[];
}

export class ScreenWriter {
  private readonly pens = new PenTable();
  private drawn: Drawn | null = null;
  /** The pen the terminal was left with: kept from one update to the next (a counter that changes every poll in
   *  the same colour then costs no SGR at all); only this writer writes to the screen meanwhile. */
  private pen = 0;

  /** The SGR reset to write before anyone else writes to the terminal ('' if the pen is the default). */
  release(): string {
    const reset = this.pen === 0 ? '' : '\x1b[0m';
    this.pen = 0;
    return reset;
  }

  /** The next frame is drawn whole, on a cleared screen. */
  invalidate(): void {
    this.drawn = null;
  }

  /** The bytes that put `frame` (Ink's output: lines of text with SGR codes) on a screen of `size`. */
  update(frame: string, size: ScreenSize): string {
    if (this.pens.size > MAX_PENS) {
      this.pens.clear();
      this.drawn = null;
    }
    const before = this.drawn && this.drawn.size.columns === size.columns && this.drawn.size.rows === size.rows ? this.drawn : null;
    const next = this.cells(frame, size, before);
    const term: Terminal = { x: -1, y: -1, pen: before ? this.pen : 0 };
    let out = before ? '' : `\x1b[0m${CLEAR}`;
    for (let y = 0; y < size.rows; y++) {
      const row = next.rows[y]!;
      if (before && before.rows[y] === row) continue;
      out += drawRow(y, before ? before.rows[y]! : null, row, term, this.pens);
    }
    this.drawn = next;
    this.pen = term.pen;
    if (out === '') return '';
    return out.length >= SYNC_FROM_BYTES ? BEGIN_SYNC + out + END_SYNC : out;
  }

  private cells(frame: string, size: ScreenSize, before: Drawn | null): Drawn {
    const lines = frame.split('\n');
    const next: Drawn = { size: { ...size }, rows: [], lines: [], startPens: [], endPens: [] };
    let pen = 0;
    for (let y = 0; y < size.rows; y++) {
      const line = lines[y] ?? '';
      const startPen = pen;
      let row: Row;
      if (before && before.lines[y] === line && before.startPens[y] === startPen) {
        row = before.rows[y]!;
        pen = before.endPens[y]!;
      } else if (line === '') {
        row = blankRow(size.columns);
      } else {
        const parsed = parseLine(line, size.columns, pen, this.pens);
        row = parsed.row;
        pen = parsed.end;
      }
      next.rows.push(row);
      next.lines.push(line);
      next.startPens.push(startPen);
      next.endPens.push(pen);
    }
    return next;
  }
}
