// Text widths in terminal cells, as string-width (and Ink, which uses it) measures them, without loading
// string-width for the text most screens hold: printable ASCII, box drawing, Latin, CJK.
//
// Why: string-width builds an Intl.Segmenter and an RGI_Emoji regex when it is loaded (~25 ms on this machine),
// then compiles the regex on its first non-ASCII text; that was a tenth of the time to the first screen, spent
// on text that has one cell per character or two. A character is *simple* here when it is a grapheme of its
// own whatever comes before or after it (Grapheme_Base, not a spacing mark, not Hangul jamo or a syllable that
// jamo could extend, not Prepend, not default-ignorable) and in the BMP (no emoji sequences, no regional
// indicators): a run of simple characters is then as many graphemes as characters, and string-width gives each
// its East Asian Width (test/ui/text-width.test.ts holds every BMP character to string-width's answer). Anything
// else is measured by string-width itself, loaded on demand (loadFullWidth) or with the App (full-width.ts);
// asked before either, the measuring functions throw NeedsFullWidth.
import { eastAsianWidth } from 'get-east-asian-width';
import type { FullWidth } from './full-width.js';

/** Thrown by the measuring functions when text needs string-width and it has not been loaded. */
export class NeedsFullWidth extends Error {
  constructor() {
    super('string-width is needed for this text and has not been loaded (loadFullWidth)');
  }
}

let full: FullWidth | null = null;

/** Hands over string-width and cli-truncate where they are loaded anyway (the App). */
export function provideFullWidth(implementation: FullWidth): void {
  full ??= implementation;
}

/** Loads string-width and cli-truncate (their first use costs ~25 ms): for text simpleWidth cannot measure. */
export async function loadFullWidth(): Promise<void> {
  if (!full) provideFullWidth((await import('./full-width.js')).fullWidth);
}

const NOT_SIMPLE = /[^\p{Grapheme_Base}]|[\p{Mc}\p{Default_Ignorable_Code_Point}\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u0d4e\u0e33\u0eb3\u1100-\u11ff\ua960-\ua97f\uac00-\ud7ff\ud800-\udfff\u{10000}-\u{10ffff}]/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** SGR sequences, the only escapes the measured text holds (styled by chalk). */
const SGR = /\x1b\[[0-9;]*m/g;

/** The width of text without escape sequences, or null when it holds a character that is not simple. */
export function simpleWidth(text: string): number | null {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  if (NOT_SIMPLE.test(text)) return null;
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    width += code < 0x7f ? (code >= 0x20 ? 1 : 0) : eastAsianWidth(code);
  }
  return width;
}

/** True when `frame` (lines of text with SGR codes) holds text only string-width can measure. */
export function needsFullWidth(frame: string): boolean {
  return !full && simpleWidth(frame.replace(SGR, '').replace(/\n/g, '')) === null;
}

/** string-width of one character or grapheme. */
export function charWidth(text: string): number {
  const simple = simpleWidth(text);
  if (simple !== null) return simple;
  if (!full) throw new NeedsFullWidth();
  return full.width(text);
}

/** `line` (text with SGR codes) cut to `columns` with "…" at its end when wider, exactly as cli-truncate does. */
export function truncateEnd(line: string, columns: number): string {
  if (columns < 1) return '';
  const plain = line.includes('\x1b') ? line.replace(SGR, '') : line;
  // Another escape sequence: string-width strips it its own way.
  const width = plain.includes('\x1b') ? null : simpleWidth(plain);
  if (width !== null && width <= columns) return line;
  if (!full) throw new NeedsFullWidth();
  return full.truncate(line, columns);
}
