// The README's demo command, `npm start`, as a newcomer runs it: not root, in a real terminal (tmux), CI unset.
// The user is a dedicated unprivileged account (`lbtopdemo`) with its own copy of the repository (src, the built
// bundle, fixtures; node_modules linked), its own HOME and TMPDIR, so everything the demo creates is that user's
// and can be counted. The copy's bundle is current (built here first, mtimes kept by `cp -a`), so `npm start`
// does not rebuild it (scripts/build-if-stale.mjs): the build is `npm install`'s job (`prepare`), not this test's.
// Checked: every view 1–9 and 0 shows rows, not its empty-state message; a map entry changed through the keys (an
// operator's keystrokes, preview, confirm) changes what the demo's HAProxy answers (curl to its frontend socket
// with a Host header); the pair's drift is fixed from 8-DRIFT; `q` leaves no process of that user and no demo
// directory behind. Then the same command with LBTOP_DEMO_REPLAY=1: the recording fills the same views.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCommand } from '../../../src/lab/haproxy-process.js';
import { ensureLoginUser } from '../../../src/lab/netns/user.js';
import { ensureFreshBuild, ROOT } from '../fresh-build.js';
import { tmuxTerminal, wait } from '../tmux.js';

const USER = 'lbtopdemo';
const SESSION = 'demo';
const SERVER = `lbtop-demo-user-${process.pid}`;
const term = tmuxTerminal(SERVER, SESSION);
const { pane, keys } = term;
const until = (what: string, test: () => boolean, timeoutMs = 20_000) => term.until(what, test, timeoutMs);
const COPIED = ['bin', 'dist', 'fixtures', 'package.json', 'package-lock.json', 'schema', 'scripts', 'src', 'themes', 'tsconfig.json', 'tsconfig.build.json'];

/** Pids of the user's processes (none once the demo has quit). */
const processesOf = (user: string): number[] =>
  execFileSync('ps', ['-u', user, '-o', 'pid='], { encoding: 'utf8' }).split('\n').map((l) => Number(l.trim())).filter((n) => n > 0);
const psUser = (user: string): number[] => {
  try {
    return processesOf(user);
  } catch {
    return []; // ps exits 1 when the user has no process
  }
};

async function curl(socket: string, host: string): Promise<string> {
  const { stdout } = await promisify(execFile)('curl', ['-s', '--max-time', '5', '--unix-socket', socket, '-H', `Host: ${host}`, `http://${host}/`], { encoding: 'utf8' });
  return stdout.trim();
}

/** The README's command as USER would type it, in its copy, with CI unset; then the exit code on screen. */
function npmStart(scratch: string, extra: string[] = []): string {
  const env = [`HOME=${scratch}/home`, `TMPDIR=${scratch}/tmp`, `XDG_STATE_HOME=${scratch}/state`, `PATH=${process.env.PATH}`, 'TERM=xterm-256color', ...extra];
  return `runuser -u ${USER} -- env -u CI ${env.join(' ')} sh -c 'cd ${scratch}/repo && exec npm start'; echo LBTOP-EXITED-$?; sleep 60`;
}

describe('npm start as an unprivileged user, in a real terminal', () => {
  let scratch: string;
  beforeAll(() => {
    ensureFreshBuild();
    const { uid, gid } = ensureLoginUser(USER);
    scratch = mkdtempSync(path.join(os.tmpdir(), 'lbtop-demo-user-'));
    chmodSync(scratch, 0o755);
    const repo = path.join(scratch, 'repo');
    mkdirSync(repo);
    execFileSync('cp', ['-a', ...COPIED.map((f) => path.join(ROOT, f)), repo]);
    symlinkSync(realpathSync(path.join(ROOT, 'node_modules')), path.join(repo, 'node_modules'));
    for (const dir of ['home', 'tmp', 'state']) mkdirSync(path.join(scratch, dir));
    execFileSync('chown', ['-R', `${uid}:${gid}`, scratch]);
  }, 120_000);
  afterAll(() => {
    term.kill();
    // Only if the test failed before `q` worked: this user's processes are all the demo's (nothing else uses it).
    for (const pid of psUser(USER)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(scratch, { recursive: true, force: true });
  });

  it('shows rows in every view, edits a map entry that HAProxy then routes by, and quits leaving nothing', async () => {
    expect(psUser(USER)).toEqual([]);
    term.tmux('new-session', '-d', '-s', SESSION, '-x', '160', '-y', '32', npmStart(scratch));

    // The first screen: the banner names the lab directory; the hint names the three things to try.
    await until('the live demo', () => /DEMO: live HAProxy lab in \S+/.test(pane()) && pane().includes('controlplane1'));
    const lab = /DEMO: live HAProxy lab in (\S+)/.exec(pane())![1]!;
    expect(lab.startsWith(`${scratch}/tmp/`)).toBe(true);
    expect(pane()).toContain('try: 7 Enter c edit a map · N drain a node');
    const started = psUser(USER);
    // npm, lbtop and the three HAProxy processes (master and worker are one process here: -W -db), at least.
    expect(started.length).toBeGreaterThanOrEqual(5);
    expect(execFileSync('ps', ['-o', 'user=', '-C', 'haproxy'], { encoding: 'utf8' })).toContain(USER);

    // 1–4: the fleet table (each view by a column of its own), with the seed-000 backends and their servers.
    for (const [view, column] of [['2', 'BOUT'], ['3', '2xx'], ['4', 'ERESP'], ['1', 'QMAX']] as const) {
      keys(view);
      await until(`view ${view}`, () => new RegExp(`^NAME\\s.*\\s${column}\\s`, 'm').test(pane()) && /^\s+https_k8s01_backend\s/m.test(pane()) && /^\s+controlplane1\s/m.test(pane()));
      expect(pane()).not.toContain('try: 7 Enter'); // gone with the first key
    }
    // 5: the CLI, one command typed to the homelab LB.
    keys('5');
    await until('the CLI', () => pane().includes('Runtime-API commands go to homelab'));
    keys('-l', 'show map');
    keys('Enter');
    await until('show map answered', () => pane().includes('homelab/maps/routes.map) pattern loaded from file'));
    keys('Escape');
    await until('the CLI left', () => !pane().includes('homelab> '));
    // 6: a state change seen live (rancher-ingress3 boots a few seconds after the demo starts).
    keys('6');
    await until('an event', () => /server-status\s+k8s-http-ingress\/ingress3\s+DOWN\s.*\sUP/.test(pane()));
    // V and B: the failover stack beside the HAProxy lab (keepalived and BIRD in user namespaces; demo-failover.test.ts moves a VIP).
    keys('V');
    await until('the VIPs', () => /^192\.168\.50\.253\s+VI_2\s+k3s\s+MASTER 101\s+BACKUP 100\s+lb-0\s+held/m.test(pane()));
    keys('B');
    await until('the BGP sessions', () => (pane().match(/^lb-[01]\s+worker[12]\s+BGP\s+up\s.*Established/gm) ?? []).length === 4);
    // The incident views, each with what the lab makes (src/lab/demo-pair-extras.ts, demo-traffic.ts): the long
    // sessions on the ingress, a captured malformed request, the pair's rate-limit table shared by peers, and
    // seed 004's pods inside the prefixes the BIRD node speakers announce.
    keys('s');
    await until('the sessions', () => /^lb-[01]\s+0x[0-9a-f]+\s+\S+\s+http\s+k8s-http-ingress\/ingress\d/m.test(pane()));
    keys('X');
    await until('a capture', () => /^lb-0\s+\S+\s+#\d+ request\s+http\s/m.test(pane()) && pane().includes('error at byte'));
    keys('T');
    await until('the stick tables', () => /^http\s+lb-0\s+ip\s+\d+\/102400/m.test(pane()) && /^http\s+lb-1\s+ip\s+\d+\/102400/m.test(pane()));
    keys('K');
    await until('the nodes', () => /^worker1\s+\d+\s.*172\.16\.171\.64\/26/m.test(pane()) && /^worker2\s+\d+\s.*172\.16\.189\.64\/26/m.test(pane()));
    keys('H');
    await until('the history', () => pane().includes('no action in the audit log yet'));
    // 8: what a reload would revert: the map entry added live on homelab, the weight set live on lb-1.
    keys('8');
    await until('drift', () => pane().includes('k8s-http-ingress/ingress2  runtime weight 5 · disk weight 10') && /homelab\s+map \S+hosts\.map\s+1 entry differs/.test(pane()));
    // 9: the certificates, the one expiring in days first.
    keys('9');
    await until('certs', () => /^homelab\s+[0-4] \S+ used\s+\S+k8s02-dev\.example\.net\.pem/m.test(pane()) && /^homelab\s+\d{2} .*k8s01\.example\.net\.pem/m.test(pane()));
    expect(pane()).not.toContain('no certificates loaded');
    // 0: the pair disagrees on one weight.
    keys('0');
    await until('LB drift', () => pane().includes('k8s-http-ingress/ingress2 weight: lb-0 10, lb-1 5'));
    // …and DRIFT fixes it: lb-1's row, x (runtime back to what is on disk), the preview, y.
    keys('8');
    await until('drift again', () => pane().includes('runtime weight 5 · disk weight 10'));
    keys('j', 'x');
    await until('the drift fix preview', () => /\[lb-1\] set server k8s-http-ingress\/ingress2 weight 10/.test(pane()));
    await wait(400);
    keys('y');
    await until('the drift fix report', () => /lb-1\s+verified/.test(pane()));
    expect(await rawCommand(path.join(lab, 'lb-1', 'admin.sock'), 'show servers state k8s-http-ingress')).toMatch(/^\d+ k8s-http-ingress \d+ ingress2 \S+ \d+ \d+ 10 10 /m);
    keys('Escape');
    await until('the report closed', () => !pane().includes('lb-1         verified'));
    keys('0'); // apart from Escape: ESC then 0 in one read is Alt-0
    await until('no LB drift', () => pane().includes('no drift: every LB serving a backend agrees'));

    // 7: the maps, and an entry changed as an operator types it.
    const socket = path.join(lab, 'homelab', 'default.sock');
    const host = 'nginx.k8s02-dev.example.net';
    expect(await curl(socket, host)).toMatch(/^k8s02dev-/);
    keys('7');
    await until('the maps', () => /\/maps\/hosts\.map\s+7\s+homelab\s+default:\d+ map_dom/.test(pane()) && /\/maps\/routes\.map\s+2\s+homelab\s+www:\d+ map_beg/.test(pane()));
    keys('Enter');
    await until('hosts.map entries', () => pane().includes('7 entries, as homelab holds them'));
    keys('c');
    await until('the value prompt', () => pane().includes('Enter accept'));
    await wait(300);
    keys('C-u'); // the prompt is prefilled with the old value
    keys('-l', 'https_k8s01_dev_backend');
    keys('Enter');
    await until('the preview', () => pane().includes(`+${host} https_k8s01_dev_backend`));
    expect(pane()).toContain(`-${host} https_k8s02_dev_backend`);
    // The preview says the reload will drop the entry added at runtime only (the drift), before anything is sent.
    expect(pane()).toContain('7 → 7 entries (6 once the reload loads the file)');
    expect(pane()).toContain('drops 1 runtime-only entry (whoami.k8s01.example.net)');
    expect(await curl(socket, host)).toMatch(/^k8s02dev-/); // nothing sent while the preview is open
    await wait(400); // the dialog refuses a confirm typed in the same breath as the key that opened it
    keys('y');
    // Written to disk and reloaded (after_write: reload): the entry added at runtime only is gone, as 8-DRIFT said.
    await until('the report', () => pane().includes('verified: 6 entries as planned'));
    expect(await curl(socket, host)).toMatch(/^k8s01dev-/);
    expect(readFileSync(path.join(lab, 'homelab', 'maps', 'hosts.map'), 'utf8')).toContain(`${host} https_k8s01_dev_backend\n`);
    // Audited in the demo's own log (HISTORY shows it), never in the operator's ($XDG_STATE_HOME/lbtop).
    expect(readFileSync(path.join(lab, 'audit.jsonl'), 'utf8')).toContain(`${host} https_k8s01_dev_backend`);
    expect(existsSync(path.join(scratch, 'state', 'lbtop', 'audit.jsonl'))).toBe(false);
    keys('Escape');
    await until('the report closed', () => !pane().includes('verified: 6 entries'));
    // :trace explains the new route from the config and the live map.
    keys(':');
    keys('-l', host);
    keys('Enter');
    await until('the trace', () => pane().includes(`Trace: Host ${host} path /`));
    // The `default` frontend comes after the ACL frontends: page down until it is on screen.
    for (let page = 0; page < 8 && !/default → /.test(pane()); page += 1) {
      keys('PageDown');
      await wait(300);
    }
    expect(pane()).toMatch(/default → https_k8s01_dev_backend/);

    keys('q');
    await until('npm start to exit', () => pane().includes('LBTOP-EXITED-0'));
    // The failover lab's namespace holders end when lbtop's end closes their stdin: a moment after lbtop exits.
    await until('every process of the demo gone', () => psUser(USER).length === 0);
    expect(started.every((pid) => !existsSync(`/proc/${pid}`))).toBe(true);
    expect(existsSync(lab)).toBe(false);
    expect(readdirSync(path.join(scratch, 'tmp'))).toEqual([]);
  }, 90_000);

  it('replays the recording where there is no live lab: every view has rows, read-only, and q removes its files', async () => {
    expect(psUser(USER)).toEqual([]);
    const replay = tmuxTerminal(SERVER, 'replay');
    const on = (what: string, test: () => boolean) => replay.until(what, test, 20_000);
    replay.tmux('new-session', '-d', '-s', 'replay', '-x', '160', '-y', '32', npmStart(scratch, ['LBTOP_DEMO_REPLAY=1']));
    await on('the replay', () => replay.pane().includes('DEMO REPLAY: recorded fixtures, LBTOP_DEMO_REPLAY=1 (read-only)') && replay.pane().includes('controlplane1'));
    expect(replay.pane()).toContain('read-only, try: 7 Enter a map · 8 drift vs disk · 9 expiring cert · ? help');
    const [dir] = readdirSync(path.join(scratch, 'tmp')).filter((f) => f.startsWith('lbtop-replay-'));
    expect(dir).toBeDefined();
    for (const [view, column] of [['2', 'BOUT'], ['3', '2xx'], ['4', 'ERESP'], ['1', 'QMAX']] as const) {
      replay.keys(view);
      await on(`view ${view}`, () => new RegExp(`^NAME\\s.*\\s${column}\\s`, 'm').test(replay.pane()) && /^\s+https_k8s01_backend\s/m.test(replay.pane()));
    }
    replay.keys('6');
    await on('an event', () => /server-status\s+k8s-http-ingress\/ingress3\s/.test(replay.pane()));
    replay.keys('7');
    await on('the maps', () => /\/maps\/hosts\.map\s+7\s+homelab\s+default:\d+ map_dom/.test(replay.pane()));
    replay.keys('8');
    await on('drift', () => replay.pane().includes('k8s-http-ingress/ingress2  runtime weight 5 · disk weight 10'));
    replay.keys('9');
    await on('certs', () => /^homelab\s+3 \S+ used\s+\S+k8s02-dev\.example\.net\.pem/m.test(replay.pane()));
    replay.keys('0');
    await on('LB drift', () => replay.pane().includes('k8s-http-ingress/ingress2 weight: lb-0 10, lb-1 5'));
    // The incident views answer from the recorded replies (fixtures/demo/record-incident.ts).
    replay.keys('s');
    await on('the sessions', () => /^lb-[01]\s+0x[0-9a-f]+\s+\S+\s+http\s+k8s-http-ingress\/ingress\d/m.test(replay.pane()));
    replay.keys('X');
    await on('a capture', () => /^lb-0\s+\S+\s+#\d+ request\s+http\s/m.test(replay.pane()));
    replay.keys('T');
    await on('the stick tables', () => /^http\s+lb-1\s+ip\s+\d+\/102400/m.test(replay.pane()));
    replay.keys('q');
    await on('npm start to exit', () => replay.pane().includes('LBTOP-EXITED-0'));
    expect(psUser(USER)).toEqual([]);
    expect(readdirSync(path.join(scratch, 'tmp'))).toEqual([]);
  }, 60_000);
});
