// Hands the terminal to $EDITOR and takes it back: out of raw mode and the alternate screen before, back in
// after (the editor call is synchronous, so Ink draws nothing meanwhile), then the whole screen drawn again.
import { useStdin, useStdout } from 'ink';
import { useCallback } from 'react';
import { ScreenStream } from '../screen/screen-stream.js';
import { ENTER, LEAVE } from '../terminal.js';

export function useEditor(run: ((text: string, name: string) => string | null) | undefined): (text: string, name: string) => string | null {
  const { setRawMode, isRawModeSupported } = useStdin();
  const { stdout } = useStdout();
  return useCallback((text: string, name: string) => {
    if (!run) return null;
    if (isRawModeSupported) setRawMode(false);
    // The screen stream writes these itself and draws the screen again whole after.
    if (stdout instanceof ScreenStream) stdout.suspend();
    else stdout.write(LEAVE);
    try {
      return run(text, name);
    } finally {
      if (stdout instanceof ScreenStream) stdout.resume();
      else stdout.write(ENTER);
      if (isRawModeSupported) setRawMode(true);
    }
  }, [run, setRawMode, isRawModeSupported, stdout]);
}
