// Entry point for the composition root: loads the theme and keymap, takes the alternate screen, renders the
// App, and resolves with the exit code once the terminal is restored.
import { render } from 'ink';
import { createElement } from 'react';
import { App } from './App.js';
import type { AppServices } from './services.js';
import type { ViewId } from './state/views.js';
import { captureConsole } from './screen/console-capture.js';
import { openScreen, type OpenScreen } from './screen/open-screen.js';
import { uiSetup } from './setup.js';

export interface RunOptions {
  /** Theme name or path to a .yaml; defaults to the config's theme. NO_COLOR forces mono. */
  theme?: string;
  initialView?: ViewId;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  stderr?: NodeJS.WriteStream;
  env?: Readonly<Record<string, string | undefined>>;
  /** Stray console output is kept off the screen and written to stderr after the terminal is restored; on by default. */
  patchConsole?: boolean;
  /** The screen already taken, with the first frame on it (src/ui/first-frame/); taken here otherwise. */
  opened?: OpenScreen;
}

export async function runTui(services: AppServices, options: RunOptions = {}): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  const { theme, keymap, problems } = uiSetup({
    theme: options.theme ?? services.config.theme ?? 'dark',
    readOnly: services.readOnly,
    commands: services.userCommands?.commands ?? [],
    env,
  });

  let code = 0;
  let unmount: (() => void) | null = null;
  let crashed: unknown = null;
  const stdin = options.stdin ?? process.stdin;
  const capture = (options.patchConsole ?? true) ? captureConsole() : null;
  // Ink writes whole frames (debug mode) to the screen stream, which writes only the cells that changed.
  const { screen, guard, handlers } = options.opened ?? openScreen(stdout, stdin, stderr);
  handlers.onSignal = (signalCode) => {
    code = signalCode;
    unmount?.();
  };
  handlers.onCrash = (error) => {
    crashed = error;
    code = 1;
    unmount?.();
  };
  try {
    const instance = render(
      createElement(App, { services, keymap, theme, initialView: options.initialView, startupMessage: problems.length > 0 ? problems.join('; ') : undefined }),
      // `debug`: every render hands the whole frame to the screen stream, unthrottled (the stream coalesces).
      { stdout: screen as unknown as NodeJS.WriteStream, stdin, stderr, exitOnCtrlC: false, patchConsole: false, debug: true },
    );
    unmount = () => instance.unmount();
    await instance.waitUntilExit();
  } catch (error) {
    crashed = error;
    code = 1;
  } finally {
    guard.restore();
    guard.dispose();
    const stray = capture?.release();
    if (stray) stderr.write(stray);
  }
  if (crashed) stderr.write(`lbtop: ${crashed instanceof Error ? (crashed.stack ?? crashed.message) : String(crashed)}\n`);
  return code;
}
