// Hands the terminal to $EDITOR and takes it back: out of raw mode and the alternate screen before, back in
// after (the editor call is synchronous, so Ink draws nothing meanwhile), then a redraw on the next render.
import { useStdin, useStdout } from 'ink';
import { useCallback } from 'react';
import { ENTER, LEAVE } from '../terminal.js';

export function useEditor(run: ((text: string, name: string) => string | null) | undefined): (text: string, name: string) => string | null {
  const { setRawMode, isRawModeSupported } = useStdin();
  const { stdout } = useStdout();
  return useCallback((text: string, name: string) => {
    if (!run) return null;
    if (isRawModeSupported) setRawMode(false);
    stdout.write(LEAVE);
    try {
      return run(text, name);
    } finally {
      stdout.write(ENTER);
      if (isRawModeSupported) setRawMode(true);
    }
  }, [run, setRawMode, isRawModeSupported, stdout]);
}
