// Replays recorded runtime-API replies for the demo on machines without haproxy: the polled commands from
// frames (fixtures/demo/<lb>/<frame>-<what>.txt) that advance with time so rates move, and the map editor's views'
// commands (maps, certificates, trace) from <lb>/replies.txt, answered exactly as recorded (replay-files.ts).
// Anything else is answered with an explanation, and the demo runs read-only so no write is ever attempted.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RuntimeApi } from '../sources/haproxy/client.js';
import { parseReplies, REPLAY_FRAME_COMMANDS as COMMANDS, shiftCertDates } from './replay-files.js';

export interface ReplayOptions {
  /** Put in place of `/@DEMO@`, the recorded lab's directory: where the replay's copies of its files are. */
  root?: string;
  /** When the fixtures were recorded (ms): certificate dates move by the recording's age. */
  recordedAt?: number;
}

export function replayApi(dir: string, lb: string, now: () => number = Date.now, options: ReplayOptions = {}): RuntimeApi {
  const root = (text: string) => (options.root === undefined ? text : text.replaceAll('/@DEMO@', options.root));
  const frames: Record<string, string>[] = [];
  for (let frame = 0; existsSync(path.join(dir, lb, `${frame}-stat.txt`)); frame += 1) {
    const texts: Record<string, string> = {};
    for (const what of Object.values(COMMANDS)) texts[what] = root(readFileSync(path.join(dir, lb, `${frame}-${what}.txt`), 'utf8'));
    frames.push(texts);
  }
  if (frames.length === 0) throw new Error(`no recorded frames for ${lb} in ${dir}`);
  const start = now();
  const shift = options.recordedAt === undefined ? 0 : start - options.recordedAt;
  const file = path.join(dir, lb, 'replies.txt');
  const replies = new Map<string, string>();
  for (const [command, reply] of existsSync(file) ? parseReplies(readFileSync(file, 'utf8')) : []) {
    replies.set(root(command), command.startsWith('show ssl cert ') ? shiftCertDates(root(reply), shift) : root(reply));
  }
  return {
    label: `replay:${lb} (recorded fixtures)`,
    async send(commandLine) {
      const line = commandLine.trim();
      const frame = frames[Math.floor((now() - start) / 1000) % frames.length]!;
      // The TUI's focused polls ask for parts of the recorded replies, filtered as HAProxy filters them.
      const statFilter = /^show stat (-?\d+) (-?\d+) (-?\d+)$/.exec(line);
      if (statFilter) return filterStat(frame.stat!, Number(statFilter[1]), Number(statFilter[2]), Number(statFilter[3]));
      const backend = /^show servers state (\S+)$/.exec(line);
      if (backend) return filterServersState(frame['servers-state']!, backend[1]!);
      const what = COMMANDS[line];
      if (what === 'info') return steadyUptime(frame.info!, frames[0]!.info!, Math.floor((now() - start) / 1000));
      if (what) return frame[what]!;
      const recorded = replies.get(line);
      if (recorded !== undefined) return recorded;
      return `Not available in the replay: only ${Object.keys(COMMANDS).join(', ')} and what the map editor's views asked were recorded.\n\n`;
    },
    close() {},
  };
}

/**
 * The frames loop, but the recorded HAProxy must not look restarted at each loop (its uptime going back is how
 * lbtop tells a reload): the uptime counts on from the first frame's, one second a second.
 */
function steadyUptime(info: string, first: string, elapsedSec: number): string {
  const base = Number(/^Uptime_sec: (\d+)$/m.exec(first)?.[1] ?? 0);
  return info.replace(/^Uptime_sec: \d+$/m, `Uptime_sec: ${base + elapsedSec}`);
}

/**
 * `show stat IID TYPE SID` over a recorded full reply: the rows of proxy IID (-1: all), whose type is in the TYPE
 * mask (1 frontend, 2 backend, 4 server, 8 listener; -1: all), and server SID (-1: all). HAProxy quotes no field of
 * the recorded replies, so a split on commas is exact here.
 */
function filterStat(text: string, iid: number, types: number, sid: number): string {
  const lines = text.split('\n');
  const header = lines[0]!.slice(2).split(',');
  const [iidAt, typeAt, sidAt] = ['iid', 'type', 'sid'].map((name) => header.indexOf(name)) as [number, number, number];
  const kept = lines.slice(1).filter((row) => {
    if (row === '') return false;
    const f = row.split(',');
    return (iid === -1 || Number(f[iidAt]) === iid) && (types === -1 || (types & (1 << Number(f[typeAt]))) !== 0) && (sid === -1 || Number(f[sidAt]) === sid);
  });
  return `${[lines[0]!, ...kept].join('\n')}\n\n`;
}

/** `show servers state BACKEND` over a recorded full reply: the version line, the header and that backend's rows. */
function filterServersState(text: string, backend: string): string {
  const [version, header, ...rows] = text.split('\n');
  const at = header!.slice(2).split(' ').indexOf('be_name');
  return `${[version!, header!, ...rows.filter((row) => row !== '' && row.split(' ')[at] === backend)].join('\n')}\n\n`;
}
