// The tools under test, as data: how to launch each on a socket and which tmux keys do PgDn/End/Home in it.
// Both are launched through `env -u CI` because Ink treats CI as a non-interactive terminal.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Tool {
  name: string;
  argv(socket: string, intervalSeconds: number): string[];
  /** tmux key names (send-keys), for the keys the benchmark presses. */
  keys: { pageDown: string; end: string; home: string };
  /** Gets the tool ready to run once per benchmark; returns why it cannot run, or undefined. */
  prepare(): string | undefined;
  version(): string;
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const lbtop: Tool = {
  name: 'lbtop',
  argv: (socket, interval) => ['env', '-u', 'CI', path.join(REPO_ROOT, 'bin/lbtop'), '-s', socket, '-i', String(interval)],
  keys: { pageDown: 'NPage', end: 'End', home: 'Home' },
  prepare() {
    if (existsSync(path.join(REPO_ROOT, 'dist/cli.js'))) return undefined;
    try {
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      // tsc still writes dist/ on type errors; only a missing entry point stops the benchmark.
      if (!existsSync(path.join(REPO_ROOT, 'dist/cli.js'))) {
        return `npm run build did not produce dist/cli.js:\n${`${e.stdout ?? ''}${e.stderr ?? ''}`.trim().slice(-1500)}`;
      }
    }
    return existsSync(path.join(REPO_ROOT, 'dist/cli.js')) ? undefined : 'npm run build did not produce dist/cli.js';
  },
  version: () => gitVersion(),
};

// hatop (Debian's 0.8.2): PgDn moves the selection 10 rows (KEY_NPAGE → mvc(10)), End jumps to the last row it
// parsed; it reads at most 1,000 services from `show stat`, so with more servers End stops short of the config's end.
// Run with the system Python, as the Debian package does on a bastion: `#!/usr/bin/env python3` would pick up a
// pyenv shim first on PATH here, a bash script that adds tens of milliseconds to every start.
const SYSTEM_PYTHON = existsSync('/usr/bin/python3') ? ['/usr/bin/python3'] : [];

export const hatop: Tool = {
  name: 'hatop',
  argv: (socket, interval) => ['env', '-u', 'CI', ...SYSTEM_PYTHON, '/usr/bin/hatop', '-s', socket, '-i', String(interval)],
  keys: { pageDown: 'NPage', end: 'End', home: 'Home' },
  prepare: () => (existsSync('/usr/bin/hatop') ? undefined : 'hatop is not installed (apt-get install hatop)'),
  version: () => `${firstLine('/usr/bin/hatop', ['--version'])} (Debian), ${SYSTEM_PYTHON[0] ?? 'python3 from PATH'} ${firstLine(SYSTEM_PYTHON[0] ?? 'python3', ['--version'])}`,
};

export const TOOLS: Record<string, Tool> = { lbtop, hatop };

export function firstLine(bin: string, args: string[]): string {
  try {
    const out = execFileSync(bin, args, { stdio: 'pipe', encoding: 'utf8' });
    return out.trim().split('\n')[0] ?? '';
  } catch {
    return 'unknown';
  }
}

function gitVersion(): string {
  const head = firstLine('git', ['-C', REPO_ROOT, 'rev-parse', '--short', 'HEAD']);
  const dirty = firstLine('git', ['-C', REPO_ROOT, 'status', '--porcelain', '--untracked-files=no']) !== '';
  return `git ${head}${dirty ? ' + uncommitted changes' : ''}`;
}
