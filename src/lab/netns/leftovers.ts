// Cleanup of labs left behind by a run that crashed (killed test worker, power cut of a CI container). A lab is
// removed only when the pid in its run id is dead, so two test files running side by side never touch each other.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { alive, killPid, namespacePids, namespacePidsIn, sh } from './sh.js';

/** What one lab run made; written to `<stateDir>/<runId>.json` before any of it exists. */
export interface LabRecord {
  runId: string;
  pid: number;
  subnetIndex: number;
  namespaces: string[];
  rootLinks: string[];
  dir: string;
}

// lbt-<pid>[.<seq>]-<host>, and lbt<pid>h[<seq>] for the root-namespace veth.
const NS_NAME = /^lbt-(\d+)(?:\.\d+)?-\S+$/;
const ROOT_LINK = /^lbt(\d+)h\d*$/;

/** Removes every dead run's namespaces, links, files and locks. Returns the run ids it cleaned. */
export function cleanLeftovers(stateDir: string): string[] {
  const cleaned = new Set<string>();
  for (const file of safeList(stateDir)) {
    const full = path.join(stateDir, file);
    if (file.endsWith('.json')) {
      const record = readRecord(full);
      // An unreadable record may be one being written right now by a live run: leave it alone.
      if (record && !alive(record.pid)) {
        teardownRecord(record, stateDir);
        cleaned.add(record.runId);
      }
    } else if (file.startsWith('subnet-')) {
      // A lock without a record: the run died between taking the subnet and writing its record.
      const pid = Number(/^lbt-(\d+)/.exec(safeRead(full))?.[1]);
      if (pid && !alive(pid)) rmSync(full, { force: true });
    }
  }
  // Namespaces and links of a run that died before its record was written.
  for (const line of sh(['ip', 'netns', 'list'], { allowFail: true }).stdout.split('\n')) {
    const ns = line.split(' ')[0] ?? '';
    const pid = Number(NS_NAME.exec(ns)?.[1]);
    if (!pid || alive(pid)) continue;
    for (const p of namespacePids(ns)) killPid(p);
    sh(['ip', 'netns', 'del', ns], { allowFail: true });
    cleaned.add(ns.replace(/-[^-]+$/, ''));
  }
  for (const line of sh(['ip', '-o', 'link', 'show'], { allowFail: true }).stdout.split('\n')) {
    const link = /^\d+: ([^:@]+)/.exec(line)?.[1] ?? '';
    const pid = Number(ROOT_LINK.exec(link)?.[1]);
    if (pid && !alive(pid)) sh(['ip', 'link', 'del', link], { allowFail: true });
  }
  return [...cleaned];
}

/**
 * Kills what runs in the record's namespaces, deletes them and the root link, removes files. Tolerates absence.
 * `enter`: the prefix into the user namespace the lab lives in (none with root).
 */
export function teardownRecord(record: LabRecord, stateDir: string, enter: string[] = []): void {
  for (const ns of record.namespaces) for (const pid of namespacePidsIn(enter, ns)) killPid(pid);
  for (const ns of record.namespaces) sh([...enter, 'ip', 'netns', 'del', ns], { allowFail: true });
  // Deleting the bridge namespace destroys the veth pair; this only matters after a crash mid-build.
  for (const link of record.rootLinks) sh([...enter, 'ip', 'link', 'del', link], { allowFail: true });
  // Only ever a lab scratch directory, whatever the record file says.
  if (/^\/tmp\/lbtop-lbt-[\d.]+$/.test(record.dir)) rmSync(record.dir, { recursive: true, force: true });
  rmSync(path.join(stateDir, `subnet-${record.subnetIndex}`), { force: true });
  rmSync(path.join(stateDir, `${record.runId}.json`), { force: true });
}

function readRecord(file: string): LabRecord | null {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as LabRecord;
    return typeof record.pid === 'number' && Array.isArray(record.namespaces) ? record : null;
  } catch {
    return null;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
