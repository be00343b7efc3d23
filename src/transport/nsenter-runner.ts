// Commands for a host that is a network namespace inside a user namespace lbtop does not live in (the rootless
// demo's LBs): each argv runs through `nsenter --preserve-credentials -U -n -t PID`, so `ip -j addr` sees that
// namespace's addresses and birdc, keepalived's signals and file writes act there, while the read-only gate and the
// audit log see the source's own argv (the wrapping happens below them). --preserve-credentials: the user
// namespace denies setgroups(2), which a plain `nsenter -U` calls; the mapped uid is root inside anyway.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { localRunner, type CommandRunner } from './exec.js';

const PATH_WITH_SBIN = `${process.env.PATH ?? ''}:/usr/sbin:/sbin`;

/** keepalived, birdc and ip live in /usr/sbin, which an unprivileged user's PATH often lacks: resolved here. */
function resolve(file: string): string {
  if (file.includes('/')) return file;
  for (const dir of PATH_WITH_SBIN.split(':')) {
    if (dir && existsSync(path.join(dir, file))) return path.join(dir, file);
  }
  return file;
}

export function nsenterArgv(pid: number, argv: readonly string[]): string[] {
  const [file = '', ...args] = argv;
  return ['nsenter', '--preserve-credentials', '-U', '-n', '-t', String(pid), '--', resolve(file), ...args];
}

export function nsenterRunner(pid: number, label: string): CommandRunner {
  const local = localRunner();
  return { label, run: (argv, options) => local.run(nsenterArgv(pid, argv), options) };
}
