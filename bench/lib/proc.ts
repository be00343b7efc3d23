// CPU and memory of a process tree, read from /proc (Linux only), so the numbers are what the kernel accounted
// to the tool itself: no sampling profiler, no wrapper process in between.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface Stat {
  pid: number;
  ppid: number;
  /** R, S, Z…: a zombie has exited and only waits for its parent to reap it. */
  state: string;
  /** utime + stime + cutime + cstime, in seconds: the process and any children it has already reaped. */
  cpuSeconds: number;
}

function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name is in parentheses and may itself contain spaces or parentheses: split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const num = (i: number) => Number(fields[i - 3]);
  return { pid, ppid: num(4), state: fields[0] ?? '?', cpuSeconds: (num(14) + num(15) + num(16) + num(17)) / CLOCK_TICKS };
}

/** The pid and all its live descendants. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat.pid]);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

export function isAlive(pid: number): boolean {
  const state = readStat(pid)?.state;
  return state !== undefined && state !== 'Z' && state !== 'X';
}

/** CPU seconds used so far by the tree rooted at pid. */
export function treeCpuSeconds(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + (readStat(pid)?.cpuSeconds ?? 0), 0);
}

export interface Memory {
  /** Resident set now, summed over the tree, in MB (2^20 bytes). */
  rssMb: number;
  /** Peak resident set (VmHWM) summed over the tree: an upper bound when several processes peak at different times. */
  peakMb: number;
}

export function treeMemory(root: number): Memory {
  let rssKb = 0;
  let peakKb = 0;
  for (const pid of processTree(root)) {
    let status: string;
    try {
      status = readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      continue;
    }
    rssKb += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    peakKb += Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  }
  return { rssMb: rssKb / 1024, peakMb: peakKb / 1024 };
}

/** Waits for a process we launched (tmux has sent it SIGHUP) to be gone, so it cannot skew the next
 * measurement; SIGKILLs it, by its pid only, if it lingers. */
export async function waitGone(pid: number, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let killed = false;
  while (isAlive(pid)) {
    if (!killed && Date.now() > deadline) {
      killed = true;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        return;
      }
    }
    if (Date.now() > deadline + 2000) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
