// The terminal taken for lbtop: the alternate screen (src/ui/terminal.ts) and the screen stream that draws into
// it. Opened before Ink loads when the first frame is drawn without it (src/ui/first-frame/), and handed on to
// runTui, which then says what a signal or a crash does (unmount Ink); until then they leave the screen and exit.
import { enterFullScreen, type TerminalGuard } from '../terminal.js';
import { ScreenStream } from './screen-stream.js';

export interface OpenScreen {
  screen: ScreenStream;
  guard: TerminalGuard;
  handlers: { onSignal?: (code: number) => void; onCrash?: (error: unknown) => void };
}

export function openScreen(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream, stderr: NodeJS.WritableStream = process.stderr): OpenScreen {
  const screen = new ScreenStream(stdout);
  const handlers: OpenScreen['handlers'] = {};
  const guard = enterFullScreen(stdout, {
    stdin,
    beforeLeave: () => screen.close(),
    onSignal: (code) => (handlers.onSignal ? handlers.onSignal(code) : process.exit(code)),
    onCrash: (error) => {
      if (handlers.onCrash) return handlers.onCrash(error);
      stderr.write(`lbtop crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  });
  return { screen, guard, handlers };
}
