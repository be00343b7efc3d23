// `npm run package:sea`: lbtop as one executable file (Node 20 single executable application). Copied alone into an
// empty directory, it must do what the bundle does: its version, --help, a completion script, a config file read
// (the precompiled validator), `status` against a real HAProxy, ssh2 bundled in (an SSH LB's refusal reported as
// such), a theme file (yaml bundled in), and the TUI's first screen in a real terminal.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateConfig } from '../support/lab/generate-config.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { ensureFreshBuild, ROOT } from '../e2e/fresh-build.js';
import { tmuxTerminal } from '../e2e/tmux.js';

const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('the single executable', () => {
  let dir: string;
  let exe: string;
  let haproxy: HaproxyProcess;
  let env: NodeJS.ProcessEnv;
  const term = tmuxTerminal(`lbtop-sea-${process.pid}`, 'sea');
  const run = (...args: string[]) => spawnSync(exe, args, { cwd: path.dirname(exe), env, encoding: 'utf8' });

  beforeAll(async () => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-sea-test-'));
    const built = execFileSync('node', [path.join(ROOT, 'scripts/package-sea.mjs'), '--out', path.join(dir, 'out')], { encoding: 'utf8' }).trim();
    // Alone in a directory of its own: nothing of the repo next to it or above it.
    mkdirSync(path.join(dir, 'alone'));
    exe = path.join(dir, 'alone/lbtop');
    copyFileSync(built, exe);
    execFileSync('chmod', ['755', exe]);
    rmSync(path.join(dir, 'out'), { recursive: true });
    haproxy = await startHaproxy({ name: 'lb', dir, config: generateConfig({ servers: 6, backends: 2, checks: false }) });
    mkdirSync(path.join(dir, 'home'));
    env = { PATH: '/usr/bin:/bin', HOME: path.join(dir, 'home'), LANG: 'C.UTF-8' };
  }, 180_000);
  afterAll(async () => {
    term.kill();
    await haproxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints its version, its help and a completion script', () => {
    expect(run('--version').stdout.trim()).toBe(version);
    expect(run('--help').stdout).toContain('Exit codes:');
    const bash = run('completion', 'bash');
    expect(bash.status).toBe(0);
    execFileSync('bash', ['-n'], { input: bash.stdout });
  });

  it('reads a config file and a real HAProxy: status --json', () => {
    const file = path.join(dir, 'lbtop.yaml');
    writeFileSync(file, `lbs:\n  lb1:\n    haproxy: { socket: ${haproxy.socket} }\n`);
    const r = run('-c', file, 'status', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const status = JSON.parse(r.stdout) as { lbs: { name: string; ok: boolean }[]; clusters: { backends: { name: string }[] }[] };
    expect(status.lbs).toEqual([expect.objectContaining({ name: 'lb1', ok: true })]);
    expect(status.clusters.flatMap((c) => c.backends.map((b) => b.name))).toEqual(['be_0001', 'be_0002']);
  });

  it('carries ssh2: an SSH LB on a closed port is reported refused', () => {
    const file = path.join(dir, 'ssh.yaml');
    writeFileSync(file, 'lbs:\n  far:\n    ssh: { host: 127.0.0.1, port: 1 }\n    haproxy: { socket: /run/haproxy/admin.sock }\n');
    const r = run('-c', file, 'status');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/far .* DOWN .*connection refused/);
  });

  it('opens the TUI on a real HAProxy with a theme file, and quits', async () => {
    const theme = path.join(dir, 'mine.yaml');
    writeFileSync(theme, readFileSync(path.join(ROOT, 'themes/mono.yaml'), 'utf8'));
    term.tmux('new-session', '-d', '-s', 'sea', '-x', '160', '-y', '40', '-c', path.dirname(exe),
      `env -i PATH=${env.PATH} HOME=${env.HOME} TERM=xterm-256color LANG=C.UTF-8 ${exe} -s lb1=${haproxy.socket} --theme ${theme}; echo EXITED $?; sleep 30`);
    await term.until('the first screen', () => /be_0001/.test(term.pane()) && /srv00001/.test(term.pane()), 30_000);
    term.keys('q');
    await term.until('lbtop to exit', () => /EXITED 0/.test(term.pane()));
  });
});
