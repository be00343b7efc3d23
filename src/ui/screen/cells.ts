// One line of a frame, as Ink writes it (text with SGR codes), turned into terminal cells: a character and a pen
// per column. What the terminal would not show in a cell is not kept: escape sequences other than SGR (cursor
// moves, OSC titles, …) and control characters are dropped, so text from a load balancer (a server name) can
// neither move the cursor nor shift the columns. Widths follow string-width, as Ink's layout does.
import stringWidth from 'string-width';
import { applySgr, type Pen, type PenTable } from './pen.js';

export interface Row {
  /** One entry per column: the character shown, '' for the right half of a wide character. */
  chars: string[];
  /** Pen ids (PenTable) per column. */
  pens: number[];
  /** Columns from here on are blank with the default pen (an erase-to-end-of-line can draw them). */
  blankFrom: number;
}

const segmenter = new Intl.Segmenter();
const COMBINING = /^\p{M}/u;

export function blankRow(columns: number): Row {
  return { chars: new Array<string>(columns).fill(' '), pens: new Array<number>(columns).fill(0), blankFrom: 0 };
}

/**
 * The cells of `line` on a screen `columns` wide. `pen` is the SGR state the line starts with and is left as the
 * line ends it (SGR carries over a newline on a terminal, so it does across lines of a frame).
 */
export function parseLine(line: string, columns: number, pen: Pen, pens: PenTable): Row {
  const row = blankRow(columns);
  let col = 0;
  let penId = pens.id(pen);
  let last = -1; // the cell of the last character drawn, -1 if it was cut off
  const put = (ch: string, width: number) => {
    last = -1;
    if (col >= columns) return;
    last = col;
    if (width === 2 && col + 1 >= columns) width = 0; // a wide character that does not fit: a blank, as cut off
    row.chars[col] = width === 0 ? ' ' : ch;
    row.pens[col] = penId;
    col++;
    if (width === 2) {
      row.chars[col] = '';
      row.pens[col] = penId;
      col++;
    }
  };
  // A combining mark after an ASCII letter ("e" + U+0301) joins the cell before it.
  const combine = (mark: string) => {
    if (last >= 0 && row.chars[last] !== ' ') row.chars[last] += mark;
  };
  let i = 0;
  while (i < line.length) {
    const code = line.charCodeAt(i);
    if (code === 0x1b) {
      const end = escapeEnd(line, i);
      if (line[i + 1] === '[' && line[end - 1] === 'm') {
        applySgr(pen, line.slice(i + 2, end - 1));
        penId = pens.id(pen);
      }
      i = end;
    } else if (code >= 0x20 && code < 0x7f) {
      put(line[i]!, 1);
      i++;
    } else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
      i++;
    } else {
      // A run of other characters, split into graphemes (a base letter and its combining marks, an emoji
      // sequence) each taking one cell or two.
      let j = i + 1;
      while (j < line.length) {
        const c = line.charCodeAt(j);
        if (c < 0xa0) break;
        j++;
      }
      for (const { segment } of segmenter.segment(line.slice(i, j))) {
        const width = stringWidth(segment);
        if (width > 0) put(segment, width >= 2 ? 2 : 1);
        else if (COMBINING.test(segment)) combine(segment);
        // Other zero-width text on its own (a soft hyphen, a zero-width space): terminals disagree, not drawn.
      }
      i = j;
    }
  }
  let blankFrom = columns;
  while (blankFrom > 0 && row.chars[blankFrom - 1] === ' ' && row.pens[blankFrom - 1] === 0) blankFrom--;
  row.blankFrom = blankFrom;
  return row;
}

/** Index just past the escape sequence starting at `i` (ESC): CSI, OSC/DCS/APC/PM/SOS strings, or ESC + final. */
function escapeEnd(text: string, i: number): number {
  const kind = text[i + 1];
  if (kind === undefined) return i + 1;
  if (kind === '[') {
    let j = i + 2;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      j++;
      if (c >= 0x40 && c <= 0x7e) return j;
      if (c < 0x20 || c > 0x7e) return j - 1; // malformed: ends before what cannot belong to it
    }
    return j;
  }
  if (kind === ']' || kind === 'P' || kind === '_' || kind === '^' || kind === 'X') {
    // A string ended by BEL or ST (ESC \); unterminated, it swallows the rest of the line as a terminal would.
    for (let j = i + 2; j < text.length; j++) {
      if (text.charCodeAt(j) === 0x07) return j + 1;
      if (text.charCodeAt(j) === 0x1b && text[j + 1] === '\\') return j + 2;
    }
    return text.length;
  }
  let j = i + 1;
  while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
  return Math.min(j + 1, text.length);
}
