// Pure helpers over captured pane text: strip escapes for reading, compare lines for change detection.

// CSI sequences (colours, cursor keys) and the two-byte ESC forms; enough for `capture-pane -e` output.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[@-Z\\-_]/g;

export function plain(text: string): string {
  return text.replace(ESCAPES, '');
}

/** True when any whole word on the screen is one of the names (a name inside "be_1/srv00042" counts too). */
export function showsAny(text: string, names: ReadonlySet<string>): boolean {
  return plain(text).split(/[^A-Za-z0-9_.-]+/).some((word) => names.has(word));
}

/** Of the names on screen, the one that comes last in `order` (config order): how far down a table got. */
export function furthest(text: string, order: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  for (const word of plain(text).split(/[^A-Za-z0-9_.-]+/)) {
    const i = order.get(word);
    if (i !== undefined && (best === undefined || i > order.get(best)!)) best = word;
  }
  return best;
}

export function shows(text: string, name: string): boolean {
  return showsAny(text, new Set([name]));
}

/** Indexes of the lines that differ between two captures. */
export function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const changed: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) changed.push(i);
  return changed;
}

/** Did anything change outside the volatile lines (a clock, an uptime) that change on every refresh anyway? */
export function changedBeyond(before: string, after: string, volatile: ReadonlySet<number>): boolean {
  return changedLines(before, after).some((i) => !volatile.has(i));
}

/** The last non-blank lines of a pane, for an error report. */
export function tail(text: string, lines = 15): string {
  return plain(text)
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .slice(-lines)
    .join('\n');
}
