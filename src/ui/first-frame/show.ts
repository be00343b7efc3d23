// Puts the first frame on the terminal once every LB's first poll has answered (or failed), if that is soon:
// an LB reached over SSH, or one that answers late, leaves the first screen to Ink as before (waiting longer
// would only hold back the UI code). Returns the screen taken, for runTui to go on drawing into.
import type { LbtopConfig } from '../../model/config.js';
import { buildFleet } from '../../store/selectors.js';
import type { StoreReader } from '../../store/types.js';
import { openScreen, type OpenScreen } from '../screen/open-screen.js';
import { uiSetup } from '../setup.js';
import { loadFullWidth, needsFullWidth, NeedsFullWidth } from '../text-width.js';
import { firstFrame, type FirstFrameInput } from './first-frame.js';

/**
 * Well past a local HAProxy's first (focused) poll, even at 10,000 servers on a busy machine (10–60 ms); an LB
 * that has not answered by then leaves the first screen to Ink, which then loads at most this much later.
 */
export const FIRST_POLL_WAIT_MS = 400;

export interface FirstFrameOptions {
  version: string;
  hint?: string;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  env?: Readonly<Record<string, string | undefined>>;
  waitMs?: number;
  /** The clock the ages are drawn against (the App's services.now). */
  now?: number;
}

function answered(store: StoreReader): boolean {
  const lbs = [...store.getState().lbs.values()];
  return lbs.length > 0 && lbs.every((lb) => lb.health.lastOkAt !== null || lb.health.error !== null);
}

function firstPolls(store: StoreReader, waitMs: number): Promise<boolean> {
  if (answered(store)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), waitMs);
    const unsubscribe = store.subscribe(() => {
      if (answered(store)) done(true);
    });
  });
}

export async function showFirstFrame(config: LbtopConfig, store: StoreReader, options: FirstFrameOptions): Promise<OpenScreen | null> {
  const stdout = options.stdout ?? process.stdout;
  if (stdout.isTTY !== true || config.lbs.some((lb) => lb.ssh)) return null;
  if (!(await firstPolls(store, options.waitMs ?? FIRST_POLL_WAIT_MS))) return null;
  const env = options.env ?? process.env;
  const { theme, keymap } = uiSetup({ theme: config.theme ?? 'dark', readOnly: config.readOnly === true, commands: config.commands ?? [], env });
  const input: FirstFrameInput = {
    fleet: buildFleet(config, store.getState().lbs),
    version: options.version,
    keymap,
    theme,
    ...(options.hint ? { hint: options.hint } : {}),
    columns: stdout.columns || 80,
    rows: stdout.rows || 24,
    now: options.now ?? Date.now(),
  };
  const frame = await withWidths(() => firstFrame(input));
  if (frame === null) return null;
  const opened = openScreen(stdout, options.stdin ?? process.stdin);
  opened.screen.write(frame);
  opened.screen.flush();
  return opened;
}

/**
 * The frame, measured without string-width where its text allows (text-width.ts): a server name in Thai, an
 * emoji or a line to cut short loads it first (~25 ms), as Ink's side of the UI does anyway.
 */
async function withWidths(build: () => string | null): Promise<string | null> {
  let frame: string | null;
  try {
    frame = build();
  } catch (error) {
    if (!(error instanceof NeedsFullWidth)) throw error;
    await loadFullWidth();
    frame = build();
  }
  // The screen writer measures every character of the frame again, cell by cell.
  if (frame !== null && needsFullWidth(frame)) await loadFullWidth();
  return frame;
}
