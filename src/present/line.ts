// The presentation layer's unit: a line of text segments, each with a semantic colour token (src/theme/tokens.ts).
// Pure functions from models to lines live in src/present/; the CLI prints them as text (`lineText`), the TUI draws
// them through Ink (ui/components/ScrollText.tsx). Neither knows how the other shows them.
import type { Token } from '../theme/tokens.js';

export interface Segment {
  text: string;
  token?: Token;
}

export type Line = readonly Segment[];

export const plain = (text: string, token?: Token): Line => [{ text, token }];

/** The line as the CLI prints it: the text of its segments, colours dropped. */
export const lineText = (line: Line): string => line.map((s) => s.text).join('');

/** Lines as the CLI prints them, one per row. */
export const linesText = (lines: readonly Line[]): string => lines.map(lineText).join('\n');

/** A preview or report as the CLI prints it: a title line ("Plan: …", "Result: …"), then the dialog's lines. */
export const titledText = (title: string, lines: readonly Line[]): string => linesText([plain(title), ...lines]);
