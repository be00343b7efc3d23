// One line of a frame, as Ink writes it (text with SGR codes), turned into terminal cells: a character and a pen
// per column. What the terminal would not show in a cell is not kept: escape sequences other than SGR (cursor
// moves, OSC titles, …) and control characters are dropped, so text from a load balancer (a server name) can
// neither move the cursor nor shift the columns. Widths follow string-width, as Ink's layout does (text-width.ts).
//
// The first frame is parsed whole on the way to the first screen, so this is written for speed: printable ASCII
// takes one comparison a character, SGR codes are looked up (PenTable.apply), other characters are measured
// once each, and only text that can form clusters (combining marks, emoji sequences) goes through Intl.Segmenter.
import { charWidth } from '../text-width.js';
import type { PenTable } from './pen.js';

export interface Row {
  /** One entry per column: the character shown, '' for the right half of a wide character. */
  chars: string[];
  /** Pen ids (PenTable) per column. */
  pens: number[];
  /** Columns from here on are blank with the default pen (an erase-to-end-of-line can draw them). */
  blankFrom: number;
}

/** Characters that join the one before into a grapheme: marks, joiners, variation selectors, surrogates, jamo. */
// eslint-disable-next-line no-misleading-character-class -- a class of joiners and combining marks on purpose
const CLUSTERING = /[\p{M}\u200c\u200d\ufe00-\ufe0f\ud800-\udfff\u1100-\u11ff\u3099\u309a]/u;
const COMBINING = /^\p{M}/u;
let segmenter: Intl.Segmenter | null = null;
/** string-width of single characters seen; bounded (hostile text could bring many). */
const widths = new Map<string, number>();

function widthOf(ch: string): number {
  let width = widths.get(ch);
  if (width === undefined) {
    if (widths.size > 4096) widths.clear();
    width = charWidth(ch);
    widths.set(ch, width);
  }
  return width;
}

export function blankRow(columns: number): Row {
  return { chars: new Array<string>(columns).fill(' '), pens: new Array<number>(columns).fill(0), blankFrom: 0 };
}

/**
 * The cells of `line` on a screen `columns` wide, starting with pen `pen` (SGR carries over a newline on a
 * terminal, so it does across lines of a frame); `end` is the pen the line leaves.
 */
export function parseLine(line: string, columns: number, pen: number, pens: PenTable): { row: Row; end: number } {
  const row = blankRow(columns);
  const { chars } = row;
  const cellPens = row.pens;
  let col = 0;
  let last = -1; // the cell of the last character drawn, -1 if it was cut off: a combining mark joins it
  const put = (ch: string, width: number) => {
    if (width === 0) {
      // Zero-width: a combining mark joins the character before; anything else (a soft hyphen, a zero-width
      // space) is not drawn, since terminals disagree about it.
      if (COMBINING.test(ch) && last >= 0 && chars[last] !== ' ') chars[last] += ch;
      return;
    }
    last = -1;
    if (col >= columns) return;
    last = col;
    if (width >= 2 && col + 1 >= columns) {
      chars[col] = ' '; // a wide character that does not fit: blank, as if cut off
      cellPens[col++] = pen;
      return;
    }
    chars[col] = ch;
    cellPens[col++] = pen;
    if (width >= 2) {
      chars[col] = '';
      cellPens[col++] = pen;
    }
  };
  const n = line.length;
  let i = 0;
  while (i < n) {
    const code = line.charCodeAt(i);
    if (code >= 0x20 && code < 0x7f) {
      if (col < columns) {
        chars[col] = line[i]!;
        cellPens[col] = pen;
        last = col++;
      } else last = -1;
      i++;
    } else if (code === 0x1b) {
      const end = escapeEnd(line, i);
      if (line.charCodeAt(i + 1) === 0x5b && line.charCodeAt(end - 1) === 0x6d) pen = pens.apply(pen, line.slice(i + 2, end - 1));
      i = end;
    } else if (code < 0xa0) {
      i++; // C0 and C1 controls, DEL: no cell
    } else {
      // A run of other characters: one cell or two each, or graphemes when something in it clusters.
      let j = i + 1;
      while (j < n && line.charCodeAt(j) >= 0xa0) j++;
      const run = line.slice(i, j);
      if (!CLUSTERING.test(run)) for (const ch of run) put(ch, widthOf(ch));
      else for (const { segment } of (segmenter ??= new Intl.Segmenter()).segment(run)) put(segment, charWidth(segment));
      i = j;
    }
  }
  let blankFrom = columns;
  while (blankFrom > 0 && chars[blankFrom - 1] === ' ' && cellPens[blankFrom - 1] === 0) blankFrom--;
  row.blankFrom = blankFrom;
  return { row, end: pen };
}

/** Index just past the escape sequence starting at `i` (ESC): CSI, OSC/DCS/APC/PM/SOS strings, or ESC + final. */
function escapeEnd(text: string, i: number): number {
  const kind = text[i + 1];
  if (kind === undefined) return i + 1;
  if (kind === '[') {
    let j = i + 2;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c >= 0x40 && c <= 0x7e) return j + 1;
      if (c < 0x20 || c > 0x7e) return j; // malformed: ends before what cannot belong to it
      j++;
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
