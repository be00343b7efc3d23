// `npm run package`'s .deb, installed the way dpkg installs it, into a root of its own: `dpkg --root DIR -i` on
// an initialised admin directory (var/lib/dpkg). Why dpkg and not `dpkg-deb -x`: the control file is parsed, the
// files are registered (dpkg -L) and `dpkg -r` must take them all away again, as on a bastion. --force-depends:
// the temp root has no nodejs package registered; the host's node runs the installed tree. Nothing of the repo is
// reachable from the installed tree (no node_modules above it), so what it needs and lacks shows here.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFreshBuild, ROOT } from '../e2e/fresh-build.js';
import { tmuxTerminal } from '../e2e/tmux.js';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('the Debian package', () => {
  let dir: string;
  let deb: string;
  let rootDir: string;
  let env: NodeJS.ProcessEnv;
  const term = tmuxTerminal(`lbtop-deb-${process.pid}`, 'deb');
  const dpkg = (...args: string[]) => execFileSync('dpkg', [`--root=${rootDir}`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  beforeAll(() => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-deb-test-'));
    deb = execFileSync('node', [path.join(ROOT, 'scripts/package-deb.mjs'), '--out', dir], { cwd: dir, encoding: 'utf8' }).trim();
    deb = path.resolve(dir, deb);
    rootDir = path.join(dir, 'root');
    const admin = path.join(rootDir, 'var/lib/dpkg');
    for (const sub of ['info', 'updates', 'triggers']) mkdirSync(path.join(admin, sub), { recursive: true });
    writeFileSync(path.join(admin, 'status'), '');
    writeFileSync(path.join(admin, 'available'), '');
    dpkg('--force-depends', '--force-not-root', '-i', deb);
    const home = path.join(dir, 'home');
    mkdirSync(home);
    env = { PATH: `${rootDir}/usr/bin:/usr/bin:/bin`, HOME: home, LANG: 'C.UTF-8', TERM: 'xterm-256color' };
  }, 120_000);
  afterAll(() => {
    term.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is Architecture: all, depends on nodejs (>= 20), and holds no native code', () => {
    const info = execFileSync('dpkg-deb', ['--field', deb, 'Package', 'Version', 'Architecture', 'Depends'], { encoding: 'utf8' });
    expect(info).toBe(`Package: lbtop\nVersion: ${pkg.version}\nArchitecture: all\nDepends: nodejs (>= 20)\n`);
    const files = dpkg('-L', 'lbtop').split('\n');
    for (const f of ['/usr/bin/lbtop', '/usr/lib/lbtop/bin/lbtop', '/usr/lib/lbtop/dist/lbtop.mjs', '/usr/lib/lbtop/themes/dark.yaml', '/usr/lib/lbtop/schema/lbtop.schema.json',
      '/usr/lib/lbtop/fixtures/demo/lbtop.yaml', '/usr/lib/lbtop/node_modules/ssh2/package.json', '/usr/share/man/man1/lbtop.1.gz',
      '/usr/share/bash-completion/completions/lbtop', '/usr/share/zsh/vendor-completions/_lbtop', '/usr/share/fish/vendor_completions.d/lbtop.fish']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => f.endsWith('.node') || f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('/usr/lib/lbtop/node_modules/')).map((f) => f.split('/')[5]).filter((v, i, a) => v && a.indexOf(v) === i).sort())
      .toEqual(['asn1', 'bcrypt-pbkdf', 'safer-buffer', 'ssh2', 'tweetnacl', 'yaml']);
  });

  it('runs from the installed tree: lbtop --version, and what the bundle requires at run time loads there', () => {
    expect(execFileSync('lbtop', ['--version'], { env, cwd: dir, encoding: 'utf8' }).trim()).toBe(pkg.version);
    // Every package a chunk loads from node_modules when it runs (ssh2 without its native binding, yaml), from the
    // chunk's own place in the installed tree.
    const lib = path.join(rootDir, 'usr/lib/lbtop');
    const chunks = ['dist/lbtop.mjs', ...readdirSync(path.join(lib, 'dist/chunks')).map((f) => `dist/chunks/${f}`)];
    const requires = chunks.flatMap((c) => [...readFileSync(path.join(lib, c), 'utf8').matchAll(/createRequire\(import\.meta\.url\)\("([^"]+)"\)/g)].map((m) => [c, m[1]!]));
    expect(requires.map(([, name]) => name).sort()).toEqual(['ssh2', 'yaml']);
    for (const [chunk, name] of requires) {
      const probe = `const m = require('node:module').createRequire(${JSON.stringify(path.join(lib, chunk!))})(${JSON.stringify(name)}); process.stdout.write(typeof (m.Client ?? m.parseDocument))`;
      expect(execFileSync('node', ['-e', probe], { env, cwd: dir, encoding: 'utf8' }), name).toBe('function');
    }
  });

  it('runs the demo replay in a terminal from the installed tree, and quits', async () => {
    term.tmux('new-session', '-d', '-s', 'deb', '-x', '160', '-y', '40', '-c', dir,
      `env -i PATH=${env.PATH} HOME=${env.HOME} TERM=xterm-256color LANG=C.UTF-8 LBTOP_DEMO_REPLAY=1 lbtop demo; echo EXITED $?; sleep 30`);
    await term.until('the replay on screen', () => /DEMO REPLAY/.test(term.pane()) && /k8s01/.test(term.pane()) && /homelab/.test(term.pane()), 30_000);
    term.keys('q');
    await term.until('lbtop to exit', () => /EXITED 0/.test(term.pane()));
  });

  it('has a man page man finds and renders', () => {
    const where = execFileSync('man', ['-w', 'lbtop'], { env: { ...env, MANPATH: `${rootDir}/usr/share/man` }, encoding: 'utf8' }).trim();
    expect(where).toBe(`${rootDir}/usr/share/man/man1/lbtop.1.gz`);
    const r = spawnSync('man', ['--warnings', '-l', where], { env: { ...env, MANWIDTH: '100' }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^LBTOP\(1\)/);
    expect(r.stdout).toContain(`lbtop ${pkg.version}`);
    expect(r.stdout).toContain('EXIT STATUS');
  });

  it('has completions: bash loads and completes with them, zsh and fish parse them', () => {
    const bash = execFileSync('bash', ['--norc', '-c', `source ${rootDir}/usr/share/bash-completion/completions/lbtop; complete -p lbtop; COMP_WORDS=(lbtop completion ''); COMP_CWORD=2; _lbtop lbtop; echo "\${COMPREPLY[*]}"`], { env, encoding: 'utf8' });
    expect(bash).toBe('complete -F _lbtop lbtop\nbash zsh fish\n');
    execFileSync('zsh', ['-n', `${rootDir}/usr/share/zsh/vendor-completions/_lbtop`]);
    execFileSync('fish', ['--no-config', '-n', `${rootDir}/usr/share/fish/vendor_completions.d/lbtop.fish`]);
  });

  it('is removed whole by dpkg -r', () => {
    dpkg('--force-depends', '--force-not-root', '-r', 'lbtop');
    expect(existsSync(path.join(rootDir, 'usr/lib/lbtop'))).toBe(false);
    expect(existsSync(path.join(rootDir, 'usr/bin/lbtop'))).toBe(false);
    expect(existsSync(path.join(rootDir, 'usr/share/man/man1/lbtop.1.gz'))).toBe(false);
  });
});
