import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, parseCommandLine, type Invocation } from '../../src/cli/args.js';

const words = (line: string) => line.split(' ').filter(Boolean);
function invocation(line: string): Invocation {
  const parsed = parseCommandLine(words(line));
  if (parsed.type !== 'parsed') throw new Error(`exit ${parsed.code}: ${parsed.stderr}`);
  return parsed.invocation;
}
function failure(argv: string[] | string) {
  const parsed = parseCommandLine(typeof argv === 'string' ? words(argv) : argv);
  if (parsed.type !== 'exit') throw new Error(`parsed: ${JSON.stringify(parsed.invocation)}`);
  return parsed;
}

describe('parseCommandLine: subcommands', () => {
  it('no subcommand is the TUI; status with and without --json; demo', () => {
    expect(invocation('')).toEqual({ kind: 'tui' });
    expect(invocation('status')).toEqual({ kind: 'status', json: false });
    expect(invocation('status --json')).toEqual({ kind: 'status', json: true });
    expect(invocation('demo')).toEqual({ kind: 'demo' });
  });

  it('demo --fleet [LBS]: 3 LBs by default, 1 to 50', () => {
    expect(invocation('demo --fleet')).toEqual({ kind: 'demo', fleet: 3 });
    expect(invocation('demo --fleet 12')).toEqual({ kind: 'demo', fleet: 12 });
    for (const bad of ['0', '51', '2.5', 'x']) {
      const { code, stderr } = failure(`demo --fleet ${bad}`);
      expect(code).toBe(2);
      expect(stderr).toContain('expected 1 to 50 LBs');
    }
  });

  it('sessions [BACKEND[/SERVER]], sessions kill BACKEND/SERVER [--id], errors', () => {
    expect(invocation('sessions')).toEqual({ kind: 'sessions', lbs: [], json: false });
    expect(invocation('sessions be/s1 --lb lb1 --json')).toEqual({ kind: 'sessions', backend: 'be', server: 's1', lbs: ['lb1'], json: true });
    expect(invocation('sessions be')).toEqual({ kind: 'sessions', backend: 'be', lbs: [], json: false });
    expect(invocation('sessions kill be/s1 --id 0x55AB --lb lb2 --yes')).toEqual({ kind: 'sessions-kill', target: { backend: 'be', server: 's1' }, id: '0x55ab', lbs: ['lb2'], dryRun: false, yes: true, json: false });
    expect(invocation('errors --lb lb1 --json')).toEqual({ kind: 'errors', lbs: ['lb1'], json: true });
    expect(failure('sessions kill be').stderr).toContain('expected BACKEND/SERVER');
    expect(failure('sessions kill be/s1 --id 1234').stderr).toContain('expected a session id');
    expect(failure('sessions kill be/s1 --dry-run --yes').code).toBe(2);
  });

  it('server ready|drain|maint BACKEND/SERVER with --lb repeated and --dry-run or --yes', () => {
    expect(invocation('server drain k8s_https_lb_backend/worker1 --lb lb1 --lb lb2 --yes')).toEqual({
      kind: 'server',
      action: 'drain',
      target: { backend: 'k8s_https_lb_backend', server: 'worker1' },
      lbs: ['lb1', 'lb2'],
      dryRun: false,
      yes: true,
      json: false,
      skipUnreachable: false,
    });
    expect(invocation('server drain be/s1 --yes --skip-unreachable')).toMatchObject({ skipUnreachable: true });
    expect(invocation('node drain worker1 --yes --skip-unreachable')).toMatchObject({ kind: 'node', skipUnreachable: true });
    expect(invocation('server maint be.a:1/srv-2 --dry-run --json')).toMatchObject({
      action: 'maint',
      target: { backend: 'be.a:1', server: 'srv-2' },
      lbs: [],
      dryRun: true,
      json: true,
    });
    expect(invocation('server ready be/s --yes')).toMatchObject({ kind: 'server', action: 'ready', dryRun: false });
  });

  it('server weight BACKEND/SERVER VALUE, absolute or percent', () => {
    expect(invocation('server weight be/s 0 --yes')).toMatchObject({ action: 'weight', weight: { value: 0, percent: false } });
    expect(invocation('server weight be/s 256 --dry-run --lb lb1')).toMatchObject({
      action: 'weight',
      target: { backend: 'be', server: 's' },
      weight: { value: 256, percent: false },
      lbs: ['lb1'],
      dryRun: true,
    });
    expect(invocation('server weight be/s 50% --yes')).toMatchObject({ weight: { value: 50, percent: true } });
  });

  it('cli takes the command as words or quoted, with dash words of HAProxy kept', () => {
    expect(invocation('cli show info')).toEqual({ kind: 'cli', command: 'show info' });
    expect(invocation('cli --lb lb2 show stat -1 4 -1')).toEqual({ kind: 'cli', lb: 'lb2', command: 'show stat -1 4 -1' });
    expect(parseCommandLine(['cli', 'show servers state be'])).toMatchObject({ invocation: { command: 'show servers state be' } });
  });

  it('global options before or after the subcommand', () => {
    const parsed = parseCommandLine(words('-s /run/a.sock status -s b=/run/b.sock -i 5 -n --theme mono -c /etc/lbtop.yaml'));
    expect(parsed).toMatchObject({
      type: 'parsed',
      flags: { sockets: ['/run/a.sock', 'b=/run/b.sock'], interval: 5, readOnly: true, theme: 'mono', configPath: '/etc/lbtop.yaml' },
    });
    expect(parseCommandLine(['--read-only', '--interval', '0.5', '--socket', '/s'])).toMatchObject({
      invocation: { kind: 'tui' },
      flags: { sockets: ['/s'], interval: 0.5, readOnly: true },
    });
  });
});

describe('parseCommandLine: usage errors exit 2 with a message, help exits 0', () => {
  const cases: [string, RegExp][] = [
    ['--bogus', /unknown option '--bogus'/],
    ['stauts', /unknown command 'stauts' \(did you mean "status"\?\)/],
    ['server drian be/s --yes', /unknown command 'drian'/],
    ['server drain be/s --dry-run --yes', /option '--dry-run' cannot be used with option '--yes'/],
    ['server drain be --yes', /expected BACKEND\/SERVER/],
    ['server drain be/s/x --yes', /expected BACKEND\/SERVER/],
    ['server drain /s --yes', /expected BACKEND\/SERVER/],
    ['server maint be/ --yes', /expected BACKEND\/SERVER/],
    ['server drain --yes', /missing required argument 'BACKEND\/SERVER'/],
    ['server weight be/s 257 --yes', /expected 0 to 256/],
    ['server weight be/s 101% --yes', /expected 0 to 256, or 0% to 100%/],
    ['server weight be/s -1 --yes', /unknown option '-1'|expected 0 to 256/],
    ['server weight be/s --yes', /missing required argument 'VALUE'/],
    ['server', /Usage: lbtop server/],
    ['cli', /missing required argument 'COMMAND'/],
    ['-i fast', /expected a number of seconds/],
    ['-c', /argument missing/],
  ];
  for (const [line, message] of cases) {
    it(line, () => {
      const out = failure(line);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(message);
      expect(out.stdout).toBe('');
    });
  }

  it('a bad BACKEND/SERVER with a space is refused', () => {
    expect(failure(['server', 'drain', 'be/s 1', '--yes']).stderr).toMatch(/expected BACKEND\/SERVER/);
  });

  it('a multi-line cli COMMAND is refused', () => {
    expect(failure(['cli', 'show info\nshutdown frontend fe']).stderr).toMatch(/single line/);
  });

  it('--help and --version print to stdout and exit 0', () => {
    const help = failure('--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/-s, --socket <path>/);
    expect(help.stdout).not.toMatch(/default: \[\]/);
    expect(parseCommandLine(['--version'], '1.2.3')).toEqual({ type: 'exit', code: 0, stdout: '1.2.3\n', stderr: '' });
  });
});

describe('parseArgs: config file, -s sockets and flags', () => {
  let dir: string;
  let ctx: { env: Record<string, string>; home: string; cwd: string };
  const nobody = () => ({ env: {}, home: path.join(dir, 'nobody'), cwd: dir });
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-args-'));
    const home = path.join(dir, 'home');
    mkdirSync(path.join(home, '.config', 'lbtop'), { recursive: true });
    writeFileSync(
      path.join(home, '.config', 'lbtop', 'config.yaml'),
      'lbs:\n  lb1: { haproxy: { socket: /run/haproxy/admin.sock } }\n  lb2: { haproxy: { tcp: 127.0.0.1:9999 } }\n' +
        'clusters:\n  k8s01: { backends: [be1] }\ninterval: 3\ntheme: light\n',
    );
    writeFileSync(path.join(dir, 'bad.yaml'), 'lbs:\n  lb1:\n    haproxy: {}\n');
    writeFileSync(path.join(dir, 'ro.yaml'), 'read_only: true\nlbs:\n  lb1: { haproxy: { socket: /a } }\n');
    writeFileSync(path.join(dir, 'warn.yaml'), 'lbs:\n  lb1: { haproxy: { socket: /a } }\nclusters:\n  c: { backends: [x, x] }\n');
    ctx = { env: {}, home, cwd: dir };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the default file gives the config; no flag changes it', async () => {
    const out = await parseArgs([], ctx);
    if (out.type !== 'run') throw new Error(out.stderr);
    expect(out.invocation).toEqual({ kind: 'tui' });
    expect(out.config.lbs.map((lb) => lb.name)).toEqual(['lb1', 'lb2']);
    expect(out.config).toMatchObject({ intervalSec: 3, theme: 'light', readOnly: false });
    expect(out.config.path).toBe(path.join(ctx.home, '.config', 'lbtop', 'config.yaml'));
  });

  it('flags win over the file; -s replaces its LBs and keeps its clusters', async () => {
    const out = await parseArgs(words('-s lab=./lab/admin.sock -i 1 --theme mono -n status'), ctx);
    if (out.type !== 'run') throw new Error(out.stderr);
    expect(out.config.lbs).toEqual([{ name: 'lab', haproxy: { socket: path.join(dir, 'lab', 'admin.sock'), timeoutMs: 5000 } }]);
    expect(out.config.clusters.map((c) => c.name)).toEqual(['k8s01']);
    expect(out.config).toMatchObject({ intervalSec: 1, theme: 'mono', readOnly: true });
  });

  it('names -s sockets from their file, de-duplicated in argv order, explicit names reserved', async () => {
    const out = await parseArgs(
      words('-s /run/haproxy/admin.sock -s /run/lb2/admin.sock -s admin-2=/x.sock -s /var/run/haproxy.sock -s /tmp/a=b.sock'),
      nobody(),
    );
    if (out.type !== 'run') throw new Error(out.stderr);
    expect(out.config.lbs.map((lb) => `${lb.name} ${lb.haproxy.socket}`)).toEqual([
      'admin /run/haproxy/admin.sock',
      'admin-3 /run/lb2/admin.sock',
      'admin-2 /x.sock',
      'haproxy /var/run/haproxy.sock',
      'a-b /tmp/a=b.sock',
    ]);
  });

  it('a missing default file is fine with -s, and for demo; an error otherwise', async () => {
    expect((await parseArgs(words('-s /run/a.sock'), nobody())).type).toBe('run');
    const demo = await parseArgs(['demo'], nobody());
    expect(demo).toMatchObject({ type: 'run', invocation: { kind: 'demo' }, config: { lbs: [], intervalSec: 2 } });
    const none = await parseArgs([], nobody());
    expect(none).toMatchObject({ type: 'exit', code: 2 });
    expect(none.type === 'exit' && none.stderr).toMatch(/no config file \(looked for .*nobody\/\.config\/lbtop\/config\.yaml\) and no -s socket/);
  });

  it('config issues come back formatted, exit 2; warnings come back with the run', async () => {
    const bad = await parseArgs(words('-c bad.yaml'), ctx);
    expect(bad).toEqual({
      type: 'exit',
      code: 2,
      stdout: '',
      stderr: 'bad.yaml:3:5: lbs.lb1.haproxy: must have exactly one of socket or tcp\n',
    });
    const missing = await parseArgs(words('-c nope.yaml -s /a'), ctx);
    expect(missing).toMatchObject({ type: 'exit', code: 2, stderr: 'nope.yaml: no such file\n' });
    const warn = await parseArgs(['-c', path.join(dir, 'warn.yaml')], ctx);
    expect(warn).toMatchObject({ type: 'run', warnings: [expect.stringMatching(/warn\.yaml:4:22: warning: .*listed twice/)] });
  });

  it('flag values are checked by the schema', async () => {
    const cases: [string, string][] = [
      ['-i 0.1', 'error: -i/--interval: must be >= 0.5\n'],
      ['--theme drak', 'error: --theme: must be dark, light, mono or the path of a theme .yaml file\n'],
      ['-s a=/x -s a=/y', 'error: -s a=/y: LB name "a" given twice\n'],
      ['-s x=', 'error: -s x=: missing socket path\n'],
    ];
    for (const [line, stderr] of cases) expect(await parseArgs(words(line), ctx)).toMatchObject({ code: 2, stderr });
    expect(await parseArgs(['-s', 'my lb=/x'], ctx)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: -s my lb=\/x: invalid name "my lb"/) });
  });

  it('--lb must name a configured LB', async () => {
    expect(await parseArgs(words('server drain be/s --lb lb3 --yes'), ctx)).toMatchObject({
      code: 2,
      stderr: 'error: unknown LB lb3 (configured: lb1, lb2)\n',
    });
    expect(await parseArgs(words('cli --lb lb9 show info'), ctx)).toMatchObject({ code: 2 });
    expect(await parseArgs(words('server drain be/s --lb lb2 --yes'), ctx)).toMatchObject({ type: 'run' });
  });

  it('read-only, from -n or from the file, allows server actions only as --dry-run', async () => {
    const refused = 'error: read-only: server drain can only run with --dry-run\n';
    expect(await parseArgs(words('-n server drain be/s --yes'), ctx)).toMatchObject({ code: 2, stderr: refused });
    expect(await parseArgs(words('-c ro.yaml server drain be/s --yes'), ctx)).toMatchObject({ code: 2, stderr: refused });
    expect(await parseArgs(words('-c ro.yaml server drain be/s --dry-run'), ctx)).toMatchObject({ type: 'run' });
  });
});
