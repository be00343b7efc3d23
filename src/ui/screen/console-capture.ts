// While lbtop owns the terminal, a console.log from anywhere (a library's warning, React's error report) would be
// written over the frame, where the screen writer does not know about it. It is kept instead and written to
// stderr once the terminal is restored, so nothing is lost and the screen is never scribbled on.
import { format } from 'node:util';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;
/** Enough to tell what happened; a flood keeps its last lines. */
const KEEP_CHARS = 64 * 1024;

export interface ConsoleCapture {
  /** Puts console back and returns what was written meanwhile ('' if nothing). */
  release(): string;
}

export function captureConsole(target: Console = console): ConsoleCapture {
  const saved = METHODS.map((m) => [m, target[m]] as const);
  let text = '';
  for (const m of METHODS) {
    target[m] = (...args: unknown[]) => {
      text += `${format(...args)}\n`;
      if (text.length > KEEP_CHARS) text = text.slice(-KEEP_CHARS);
    };
  }
  let released = false;
  return {
    release() {
      if (!released) for (const [m, fn] of saved) target[m] = fn;
      released = true;
      const out = text;
      text = '';
      return out;
    },
  };
}
