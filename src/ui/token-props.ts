// A theme token as Ink <Text> props. Pure (no React): the first frame, drawn before Ink loads, styles with it too.
import type { Style, Theme, Token } from '../theme/tokens.js';

export interface TextStyleProps {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dimColor?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

const cache = new WeakMap<Style, TextStyleProps>();

/** Ink <Text> props for a token. Cached per style object: rows ask for the same few tokens thousands of times. */
export function tokenProps(theme: Theme, token: Token): TextStyleProps {
  const style = theme.styles[token];
  let props = cache.get(style);
  if (!props) {
    props = {};
    if (style.fg) props.color = style.fg;
    if (style.bg) props.backgroundColor = style.bg;
    if (style.bold) props.bold = true;
    if (style.dim) props.dimColor = true;
    if (style.italic) props.italic = true;
    if (style.underline) props.underline = true;
    if (style.inverse) props.inverse = true;
    cache.set(style, props);
  }
  return props;
}
