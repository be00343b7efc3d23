// Frame geometry. Every frame is exactly rows−1 lines: Ink 6 clears the whole screen on each render once the
// frame is as tall as the terminal (visible flicker), so we always stay one line short of it.

export const HEADER_LINES = 3;
export const FOOTER_LINES = 2;
/** Below this the frame cannot hold a header, a table line and a footer. */
export const MIN_ROWS = HEADER_LINES + FOOTER_LINES + 3;

export interface Layout {
  width: number;
  /** Lines of the whole frame: always rows − 1. */
  frame: number;
  /** Lines between header and footer. */
  body: number;
  tooSmall: boolean;
}

export function computeLayout(columns: number, rows: number): Layout {
  const frame = Math.max(1, rows - 1);
  const body = frame - HEADER_LINES - FOOTER_LINES;
  return { width: Math.max(20, columns), frame, body: Math.max(1, body), tooSmall: rows < MIN_ROWS };
}
