// Text into roff (man(7)) source: the few escapes a man page written from program data needs.

/** Escapes text for a roff line: backslashes, dashes (an option's `--` stays two ASCII hyphens), quotes. */
export function roff(text: string): string {
  const escaped = text.replace(/\\/g, '\\e').replace(/-/g, '\\-').replace(/'/g, "\\(aq").replace(/`/g, '\\(ga');
  // A line that starts with . or ' would be read as a request.
  return /^[.']/.test(escaped) ? `\\&${escaped}` : escaped;
}

/** A request's argument, quoted when it has spaces (a `"` inside becomes roff's `\(dq`). */
export function roffArg(text: string): string {
  const escaped = roff(text).replace(/"/g, '\\(dq');
  return /\s/.test(escaped) ? `"${escaped}"` : escaped;
}

/** A tagged paragraph: the tag in bold, then the text. */
export function tagged(tag: string, text: string): string[] {
  return ['.TP', `.B ${roffArg(tag)}`, roff(text)];
}
