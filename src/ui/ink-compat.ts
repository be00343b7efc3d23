// Every place lbtop leans on Ink beyond its documented API, with the reason, so an Ink update is checked here
// and nowhere else. The Ink version is pinned exactly in package.json; scripts/bundle.mjs fails the build when
// the installed Ink is another or one of its patches no longer finds its target.
//
// 1. Build time (scripts/bundle.mjs): Ink's renderer imports `./output.js`; the bundle hands it lbtop's
//    RowCachedOutput (src/ui/ink-output/row-cached-output.ts), which re-renders only the rows that changed.
//    Ink's dom.js gets lbtop's measureText (src/ui/ink-output/measure-text.ts), whose cache is bounded: Ink's kept
//    every text it measured, a table per frame for as long as lbtop ran. Ink's `./devtools.js` is stubbed
//    (development only). yoga-layout's loader gets its wasm bytes without fetch().
// 2. Run time: Ink runs with `debug: true` and writes each whole frame to a stream lbtop owns (src/ui/screen),
//    which writes only the changed cells to the terminal. Public options, but relied on for what they do.
// 3. Run time, private: `useStdin().internal_eventEmitter` — Ink splits stdin into one sequence per 'input'
//    event there; its useInput cannot tell F1–F12 apart (hatop's F4–F10), so lbtop decodes the raw sequences.
import { useStdin } from 'ink';

/** What lbtop uses of Ink's internal stdin emitter. */
export interface RawInputEmitter {
  on(event: string, f: (data: string | Buffer) => void): unknown;
  removeListener(event: string, f: (data: string | Buffer) => void): unknown;
  emit(event: string, data: string): boolean;
}

/** Ink's raw stdin events (3 above), plus its raw-mode switch. Throws plainly if Ink no longer has them. */
export function useRawInput(): { emitter: RawInputEmitter; setRawMode: (on: boolean) => void; isRawModeSupported: boolean } {
  const stdin = useStdin();
  const emitter = (stdin as unknown as { internal_eventEmitter?: RawInputEmitter }).internal_eventEmitter;
  if (!emitter || typeof emitter.on !== 'function') throw new Error('ink-compat: this Ink has no internal_eventEmitter on its stdin context');
  return { emitter, setRawMode: stdin.setRawMode, isRawModeSupported: stdin.isRawModeSupported };
}
