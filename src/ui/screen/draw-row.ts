// The bytes that turn one screen row as the terminal shows it into the row of the next frame: only the runs of
// cells that differ, each reached by an absolute cursor move (or a short move right on the same row), with the
// SGR codes that differ from the cell before, and an erase to the end of the line where the rest is blank.
import type { Row } from './cells.js';
import { transition, type PenTable } from './pen.js';

/** Where the terminal's cursor is and which pen it writes with, as the writer last left them. */
export interface Terminal {
  x: number;
  y: number;
  pen: number;
}

/** Unchanged cells a run may include rather than jump over: a jump costs 3 to 8 bytes. */
const GAP = 3;

/** `prev` null: the row is blank on the terminal (after a clear). */
export function drawRow(y: number, prev: Row | null, next: Row, term: Terminal, pens: PenTable): string {
  const columns = next.chars.length;
  const changed = prev === null
    ? (c: number) => next.chars[c] !== ' ' || next.pens[c] !== 0
    : (c: number) => prev.chars[c] !== next.chars[c] || prev.pens[c] !== next.pens[c];
  let tailChanged = false;
  for (let c = next.blankFrom; c < columns && !tailChanged; c++) tailChanged = changed(c);
  let out = '';
  let c = 0;
  while (c < columns) {
    if (!changed(c)) {
      c++;
      continue;
    }
    // The right half of a wide character is drawn by writing its left half.
    const start = next.chars[c] === '' && c > 0 ? c - 1 : c;
    if (start >= next.blankFrom) {
      out += move(term, y, start, columns) + pen(term, 0, pens) + '\x1b[K';
      break;
    }
    let end = c;
    let erase = false;
    for (let j = c + 1; j < columns && j - end <= GAP; j++) {
      if (j >= next.blankFrom) {
        if (tailChanged) {
          end = next.blankFrom - 1;
          erase = true;
        }
        break;
      }
      if (changed(j)) end = j;
    }
    out += move(term, y, start, columns);
    for (let k = start; k <= end; k++) {
      const ch = next.chars[k]!;
      if (ch === '') continue;
      out += pen(term, next.pens[k]!, pens) + ch;
      term.x += next.chars[k + 1] === '' ? 2 : 1;
    }
    if (erase) {
      out += pen(term, 0, pens) + '\x1b[K';
      break;
    }
    c = end + 1;
  }
  return out;
}

function move(term: Terminal, y: number, x: number, columns: number): string {
  if (term.y === y && term.x === x) return '';
  const absolute = x === 0 ? `\x1b[${y + 1}H` : `\x1b[${y + 1};${x + 1}H`;
  // Relative moves only from a known cell: after the last column the terminal holds a pending wrap (x there is
  // `columns`), where terminals disagree about where a relative move starts.
  const known = term.y >= 0 && term.x >= 0 && term.x < columns;
  const { x: fromX, y: fromY } = term;
  term.x = x;
  term.y = y;
  if (!known) return absolute;
  // The next row's cell below is the common case (a counter column changing on row after row): a few bytes
  // instead of an absolute position's eight to ten.
  const vertical = relative(y - fromY, 'B', 'A');
  const horizontal = relative(x - fromX, 'C', 'D');
  const moves = vertical + horizontal;
  return moves.length < absolute.length ? moves : absolute;
}

/** A cursor move by `n` cells, forward or back (VT100's CUU/CUD/CUF/CUB), '' for none. */
function relative(n: number, forward: string, back: string): string {
  if (n === 0) return '';
  const count = Math.abs(n);
  return `\x1b[${count === 1 ? '' : count}${n > 0 ? forward : back}`;
}

function pen(term: Terminal, id: number, pens: PenTable): string {
  if (term.pen === id) return '';
  const code = transition(pens.pen(term.pen), pens.pen(id));
  term.pen = id;
  return code;
}
