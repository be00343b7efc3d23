// Synchronous plumbing commands for the lab (`ip`, `ssh-keygen`, `useradd`). Synchronous on purpose: they take
// milliseconds, and teardown must also work from a process 'exit' handler, where nothing async runs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ShResult {
  stdout: string;
  stderr: string;
  code: number;
}

const PATH = `${process.env.PATH ?? ''}:/usr/sbin:/sbin`;

/** Runs argv; throws with stderr on a non-zero exit unless `allowFail`. */
export function sh(argv: readonly string[], options: { allowFail?: boolean; input?: string; env?: Record<string, string> } = {}): ShResult {
  const [file, ...args] = argv;
  if (!file) throw new Error('sh: empty command');
  const result = spawnSync(file, args, {
    encoding: 'utf8',
    input: options.input,
    env: { ...process.env, PATH, ...options.env },
    timeout: 15_000,
  });
  const out = { stdout: result.stdout ?? '', stderr: result.stderr ?? '', code: result.status ?? -1 };
  if (result.error && !options.allowFail) throw new Error(`${argv.join(' ')}: ${result.error.message}`);
  if (out.code !== 0 && !options.allowFail) throw new Error(`${argv.join(' ')} failed (${out.code}): ${out.stderr.trim()}`);
  return out;
}

/** True when a process with this pid exists (EPERM still means it exists). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Alive and not a zombie (a killed daemon's child waits for its parent or init to reap it: it runs nothing). */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return alive(pid) && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

export function killPid(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Pids of the processes whose network namespace is `ns`: everything the lab started there, nothing else. */
export function namespacePids(ns: string): number[] {
  return namespacePidsIn([], ns);
}

/** The same for a lab in a user namespace: `enter` is the prefix into it (see userns.ts). */
export function namespacePidsIn(enter: string[], ns: string): number[] {
  const { stdout } = sh([...enter, 'ip', 'netns', 'pids', ns], { allowFail: true });
  return stdout.split(/\s+/).filter(Boolean).map(Number).filter((n) => n > 1 && n !== process.pid);
}

export const PATH_WITH_SBIN = PATH;
