// The replay's files on disk: the recorded haproxy.cfg and map files of each LB (fixtures/demo/<lb>/), copied to a
// temp directory with `/@DEMO@` (the recorded lab's directory) pointed at it, so 8-DRIFT and :trace read real
// files at the paths the recorded replies name. The fixtures themselves may sit in a read-only install.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ReplayDir {
  dir: string;
  /** fixtures/demo/lbtop.yaml with its paths in `dir`. */
  configText: string;
  /** When the fixtures were recorded (ms), or undefined for an old recording without RECORDED. */
  recordedAt: number | undefined;
  stop(): void;
}

export function prepareReplayDir(fixtures: string): ReplayDir {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-replay-'));
  const placed = (text: string) => text.replaceAll('/@DEMO@', dir);
  const copy = (from: string, to: string) => {
    if (statSync(from).isDirectory()) {
      mkdirSync(to, { recursive: true });
      for (const name of readdirSync(from)) copy(path.join(from, name), path.join(to, name));
    } else writeFileSync(to, placed(readFileSync(from, 'utf8')));
  };
  try {
    for (const lb of readdirSync(fixtures)) {
      for (const part of ['haproxy.cfg', 'maps']) {
        const from = path.join(fixtures, lb, part);
        if (!existsSync(from)) continue;
        mkdirSync(path.join(dir, lb), { recursive: true });
        copy(from, path.join(dir, lb, part));
      }
    }
    const stamp = path.join(fixtures, 'RECORDED');
    const recordedAt = existsSync(stamp) ? Date.parse(readFileSync(stamp, 'utf8').trim()) : undefined;
    const configText = placed(readFileSync(path.join(fixtures, 'lbtop.yaml'), 'utf8'));
    return { dir, configText, recordedAt: Number.isNaN(recordedAt) ? undefined : recordedAt, stop: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
