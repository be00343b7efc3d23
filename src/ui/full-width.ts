// string-width and cli-truncate for text-width.ts: loaded with the App (whatever a component draws can be measured
// from its first render on), or on demand. The first frame, drawn before the App loads, does without them.
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';

export interface FullWidth {
  /** string-width. */
  width(text: string): number;
  /** cli-truncate at the end, as Ink's wrap="truncate". */
  truncate(text: string, columns: number): string;
}

export const fullWidth: FullWidth = { width: stringWidth, truncate: (text, columns) => cliTruncate(text, columns, { position: 'end' }) };
