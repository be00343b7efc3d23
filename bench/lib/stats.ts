// Small summaries; the raw samples always go to the JSON next to the table.

export function median(values: readonly number[]): number | undefined {
  return quantile(values, 0.5);
}

/** Linear interpolation between the two nearest ranks; undefined for no samples. */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** A number for a table cell, or "–" when there is none. */
export function fmt(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}
