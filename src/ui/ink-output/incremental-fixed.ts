// Whether Ink's incremental rendering is safe to use: scripts/bundle.mjs replaces this module with `true` when it
// has fixed Ink 6.8's log-update for frames that end with a newline (ours always do: the frame is rows−1 lines).
// Unbundled (tests, tsx), Ink is as published and lbtop redraws every line of every frame.
//
// The fix: after a frame ending in "\n" the cursor sits on the line below it, so going back to the frame's first
// line is `previousVisible` lines up, not `previousVisible - 1`; one short, every later frame lands a line low.
// With it, a frame rewrites only the lines that changed (an idle 200×50 screen: a few lines instead of ~10 KB).
export const incrementalRenderingFixed: boolean = false;
