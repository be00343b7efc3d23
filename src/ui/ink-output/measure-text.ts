// A drop-in for Ink 6.8's internal measureText (ink/build/measure-text.js): the size of a text in cells, with a
// cache that has a bound.
//
// Why: Ink's own caches the size of every text it ever measured, keyed by the text, and never forgets one. lbtop
// draws its table as one text (src/ui/panels/stats/StatsView.tsx: a <Text> per row made layout most of a frame),
// and that text is new at every poll that moved a cell: each frame left its table (~10 KB at 200×50) in the
// cache for good, ~35 MB an hour of a session kept open through an incident, and more for V8's full GCs to mark.
// Here the cache is emptied when its texts reach MAX_CACHED_CHARS: the short texts that repeat (headers, footers,
// labels) are measured again once per emptying, which costs next to nothing.
//
// Put in place of Ink's measureText by scripts/bundle.mjs, for Ink 6.8.x only.
import stringWidth from 'string-width';

export interface Dimensions {
  width: number;
  height: number;
}

/** Characters of text the cache holds at most (two bytes each at worst: ~0.5 MB). */
export const MAX_CACHED_CHARS = 256 * 1024;

const cache = new Map<string, Dimensions>();
let cachedChars = 0;

/** What Ink's measureText answers: the widest line's width (string-width, as Ink's widest-line) and the line count. */
export default function measureText(text: string): Dimensions {
  if (text.length === 0) return { width: 0, height: 0 };
  const known = cache.get(text);
  if (known) return known;
  let width = 0;
  let height = 0;
  for (const line of text.split('\n')) {
    width = Math.max(width, stringWidth(line));
    height++;
  }
  const dimensions = { width, height };
  if (cachedChars + text.length > MAX_CACHED_CHARS) {
    cache.clear();
    cachedChars = 0;
  }
  if (text.length <= MAX_CACHED_CHARS) {
    cache.set(text, dimensions);
    cachedChars += text.length;
  }
  return dimensions;
}

/** The cache's size now, for tests. */
export function cachedTextChars(): number {
  return cachedChars;
}
