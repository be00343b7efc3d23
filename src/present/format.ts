// Pure formatting for table cells: counts, bytes (IEC units, as hatop), durations, fixed-width padding. Shared by the
// CLI and the TUI (src/present/table.ts pads every column with `fit`).

export function count(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  if (Math.abs(n) < 100_000) return String(n);
  // Keep big counters readable in narrow columns: 1234567 → 1.23M.
  const units = ['k', 'M', 'G', 'T'];
  let value = n;
  let unit = -1;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)}${units[unit]}`;
}

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value}B` : `${value >= 100 ? value.toFixed(0) : value.toFixed(1)}${units[unit]}`;
}

/**
 * Seconds → "42s", "5m", "3h04m", "2d03h": an age past a minute counts minutes, so a screen of ages (LASTCHG,
 * DOWNTIME, how long an LB has been stale) changes once a minute instead of every second — over SSH those
 * redraws were most of lbtop's bytes. Seconds are kept where they say something: the first minute after a change.
 */
export function duration(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || sec < 0) return '';
  const s = Math.floor(sec);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  return hours(s);
}

/** Milliseconds → "42s", "5m06s", "3h04m": a time an operator watches run (a drain's elapsed and timeout). */
export function stopwatch(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${two(s % 60)}s`;
  return hours(s);
}

const two = (n: number) => String(n).padStart(2, '0');

function hours(s: number): string {
  if (s < 86_400) return `${Math.floor(s / 3600)}h${two(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86_400)}d${two(Math.floor((s % 86_400) / 3600))}h`;
}

/** Milliseconds of age → "3s", "4m" (header staleness). */
export function age(ms: number): string {
  return duration(Math.max(0, Math.round(ms / 1000)));
}

export function fit(text: string, width: number, align: 'left' | 'right'): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length > width) return width === 1 ? '…' : `${chars.slice(0, width - 1).join('')}…`;
  const pad = ' '.repeat(width - chars.length);
  return align === 'left' ? text + pad : pad + text;
}

export function clock(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
