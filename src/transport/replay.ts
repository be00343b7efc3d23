// Replays recorded runtime-API replies (fixtures/demo/<lb>/<frame>-<what>.txt) for the demo on machines
// without haproxy. Frames advance with time so rates move; anything but the three polled commands is
// answered with an explanation, and the demo runs read-only so no write is ever attempted.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RuntimeApi } from '../sources/haproxy/client.js';

const COMMANDS: Record<string, string> = {
  'show info': 'info',
  'show stat': 'stat',
  'show servers state': 'servers-state',
};

export function replayApi(dir: string, lb: string, now: () => number = Date.now): RuntimeApi {
  const frames: Record<string, string>[] = [];
  for (let frame = 0; existsSync(path.join(dir, lb, `${frame}-stat.txt`)); frame += 1) {
    const texts: Record<string, string> = {};
    for (const what of Object.values(COMMANDS)) texts[what] = readFileSync(path.join(dir, lb, `${frame}-${what}.txt`), 'utf8');
    frames.push(texts);
  }
  if (frames.length === 0) throw new Error(`no recorded frames for ${lb} in ${dir}`);
  const start = now();
  return {
    label: `replay:${lb} (recorded fixtures)`,
    async send(commandLine) {
      const what = COMMANDS[commandLine.trim()];
      if (!what) return `Not available in the replay: only ${Object.keys(COMMANDS).join(', ')} were recorded.\n\n`;
      const frame = Math.floor((now() - start) / 1000) % frames.length;
      return frames[frame]![what]!;
    },
    close() {},
  };
}
