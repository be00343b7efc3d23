// Text styled the way Ink's <Text> styles it (ink/build/components/Text.js and colorize.js, Ink 6.8: dim, colour,
// background, bold, italic, underline, inverse, in that order, through the same chalk). Two users: the first
// frame, drawn before Ink loads, whose cells must be the ones Ink's first frame has (test/ui/first-frame.test.ts
// compares them cell by cell); and the stats table, whose rows are handed to Ink as one styled text rather than
// a <Text> per cell, because Ink's per-node layout and text measuring were most of a frame's cost.
import chalk, { type ChalkInstance } from 'chalk';
import type { Theme, Token } from '../theme/tokens.js';
import { truncateEnd } from './text-width.js';
import { tokenProps, type TextStyleProps } from './token-props.js';

function colorize(text: string, color: string, type: 'fg' | 'bg'): string {
  const named = chalk as unknown as Record<string, ChalkInstance>;
  if (color in chalk) return (type === 'fg' ? named[color]! : named[`bg${color[0]!.toUpperCase()}${color.slice(1)}`]!)(text);
  if (color.startsWith('#')) return type === 'fg' ? chalk.hex(color)(text) : chalk.bgHex(color)(text);
  const ansi = /^ansi256\(\s?(\d+)\s?\)$/.exec(color);
  if (ansi) return type === 'fg' ? chalk.ansi256(Number(ansi[1]))(text) : chalk.bgAnsi256(Number(ansi[1]))(text);
  const rgb = /^rgb\(\s?(\d+),\s?(\d+),\s?(\d+)\s?\)$/.exec(color);
  if (rgb) {
    const [r, g, b] = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
    return type === 'fg' ? chalk.rgb(r, g, b)(text) : chalk.bgRgb(r, g, b)(text);
  }
  return text;
}

export function styled(text: string, props: TextStyleProps | undefined): string {
  if (!props) return text;
  let out = text;
  if (props.dimColor) out = chalk.dim(out);
  if (props.color) out = colorize(out, props.color, 'fg');
  if (props.backgroundColor) out = colorize(out, props.backgroundColor, 'bg');
  if (props.bold) out = chalk.bold(out);
  if (props.italic) out = chalk.italic(out);
  if (props.underline) out = chalk.underline(out);
  if (props.inverse) out = chalk.inverse(out);
  return out;
}

/** `wrap="truncate"`: a line wider than the frame ends in "…" at its last column, by the cli-truncate Ink uses. */
export function truncated(line: string, width: number): string {
  return truncateEnd(line, width);
}

/** A row of cells: each cell in its own token (or the row's), the whole row in the row's token. */
export function styledRow(cells: readonly { text: string; token: Token | undefined }[], rowToken: Token, theme: Theme): string {
  let inner = '';
  for (const c of cells) inner += c.token ? styled(c.text, tokenProps(theme, c.token)) : c.text;
  return styled(inner, tokenProps(theme, rowToken));
}
