// HAProxy's human_time() (src/tools.c, 2.6 to 3.x): at most two units of d/h/m/s ("1d2h", "1m58s", "0s"), "?" for
// a negative or unknown value, "" when no timer is armed. Back to seconds; null when there is nothing to read.
const UNIT: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };

export function parseHumanTime(text: string | undefined): number | null {
  if (text === undefined || !/^(\d{1,9}[dhms]){1,4}$/.test(text)) return null;
  let seconds = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)([dhms])/g)) seconds += Number(n) * UNIT[unit!]!;
  return seconds;
}

/** The reverse, for display: "42s", "3m05s", "2h10m", "4d3h". */
export function formatAge(seconds: number | null): string {
  if (seconds === null) return '?';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)}h${String(Math.floor((seconds % 3_600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(seconds / 86_400)}d${Math.floor((seconds % 86_400) / 3_600)}h`;
}
