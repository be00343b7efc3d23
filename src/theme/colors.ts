// Which colour strings a theme may use: what Ink's colorize accepts (chalk names, #hex, rgb(), ansi256()).
// Checked at load time so a typo is reported with its line instead of silently rendering uncoloured.

const NAMED = new Set(
  ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'grey']
    .flatMap((c) => (c === 'gray' || c === 'grey' ? [c] : [c, `${c}Bright`])),
);

export function isColor(value: string): boolean {
  if (NAMED.has(value)) return true;
  if (/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value)) return true;
  const ansi = /^ansi256\(\s?(\d+)\s?\)$/.exec(value);
  if (ansi) return Number(ansi[1]) <= 255;
  const rgb = /^rgb\(\s?(\d+),\s?(\d+),\s?(\d+)\s?\)$/.exec(value);
  return rgb !== null && rgb.slice(1).every((n) => Number(n) <= 255);
}
