// A user command from lbtop.yaml in a real terminal: its key on a server row previews the exact command line in
// the one dialog, y runs it with the row's values (a program recording its argv), and the OUTPUT panel shows what
// it printed; Esc goes back. With --read-only the same key is refused and nothing runs.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_HEAD, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { ensureFreshBuild } from './fresh-build.js';
import { tmuxTerminal, wait } from './tmux.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const term = tmuxTerminal(`lbtop-e2e-user-${process.pid}`, 'e2e');
const { tmux, pane } = term;
const until = (what: string, test: () => boolean, timeoutMs = 10_000) => term.until(what, test, timeoutMs);

const CONFIG = `
${LAB_HEAD}backend be_app
  server worker1 127.0.0.1:2
  server worker2 127.0.0.1:3
`;
const PROGRAM = `require("fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2))); console.log("cordoned " + process.argv[2] + " of " + process.argv[3])`;

describe('a user command in a real terminal', () => {
  let dir: string;
  let lb: HaproxyProcess;
  let configFile: string;
  let record: string;
  beforeAll(async () => {
    ensureFreshBuild(); // never rebuilds dist/ under a test that runs it
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-e2e-user-'));
    lb = await startHaproxy({ name: 'lb1', dir, config: CONFIG });
    record = path.join(dir, 'argv.json');
    configFile = path.join(dir, 'lbtop.yaml');
    writeFileSync(configFile, `lbs:
  lb1: { haproxy: { socket: ${lb.socket} } }
commands:
  - name: cordon
    key: C
    scope: server
    description: Cordon the row's node
    command: [${JSON.stringify(process.execPath)}, -e, ${JSON.stringify(PROGRAM)}, ${JSON.stringify(record)}, $SERVER, $BACKEND, $LB]
`);
  }, 240_000); // the build shares two cores with other work
  afterAll(async () => {
    term.kill();
    await lb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (session: string, flags: string) => {
    const command = ['env -u CI', `XDG_STATE_HOME=${dir}/state`, path.join(ROOT, 'bin/lbtop'), '-c', configFile, flags, '-i', '1', '; echo LBTOP-EXITED-$?; sleep 30'].join(' ');
    tmux('new-session', '-d', '-s', session, '-x', '140', '-y', '30', command);
    await until('the first screen', () => term.tmux('capture-pane', '-p', '-t', session).includes('worker1'));
  };

  it('previews the exact line, runs it with the row\'s values and shows the output pane; Esc goes back', async () => {
    await start('e2e', '');
    expect(pane()).toMatch(/C cordon/); // the footer lists it
    tmux('send-keys', '-t', 'e2e', ':worker1', 'Enter');
    await until('the jump to worker1', () => /row \d+\/\d+/.test(pane()) && /be_app\/worker1|worker1/.test(pane()));
    await wait(300);
    tmux('send-keys', '-t', 'e2e', 'C');
    await until('the preview', () => /PREVIEW: run cordon here/.test(pane()));
    const preview = pane();
    expect(preview).toMatch(/Runs here, on the machine running lbtop/);
    // Each argv word on its own line: the row's values are words 4, 5 and 6.
    expect(preview).toMatch(/ 4 {2}worker1\s/);
    expect(preview).toMatch(/ 5 {2}be_app\s/);
    expect(preview).toMatch(/ 6 {2}lb1\s/);
    expect(existsSync(record)).toBe(false); // nothing ran while the preview is open
    await wait(400); // the dialog refuses a confirm typed in the same breath as the key that opened it
    tmux('send-keys', '-t', 'e2e', 'y');
    await until('the output pane', () => /OUTPUT — cordon/.test(pane()) && /cordoned worker1 of be_app/.test(pane()));
    expect(pane()).toMatch(/cordon: exit 0 in [\d.]+ s \(local\)/);
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual(['worker1', 'be_app', 'lb1']);
    const audit = readFileSync(path.join(dir, 'state/lbtop/audit.jsonl'), 'utf8');
    expect(audit).toMatch(/"plan":"user command cordon"/);
    tmux('send-keys', '-t', 'e2e', 'Escape');
    await until('the table again', () => /^NAME\s/m.test(pane()) && !/OUTPUT — cordon/.test(pane()));
    tmux('send-keys', '-t', 'e2e', 'q');
    await until('lbtop to exit', () => pane().includes('LBTOP-EXITED-0'));
  }, 60_000);

  it('with --read-only the key is refused and nothing runs', async () => {
    rmSync(record, { force: true });
    await start('ro', '-n');
    const roPane = () => tmux('capture-pane', '-p', '-t', 'ro');
    expect(roPane()).not.toMatch(/C cordon/);
    tmux('send-keys', '-t', 'ro', ':worker1', 'Enter');
    await wait(500);
    tmux('send-keys', '-t', 'ro', 'C');
    await until('the refusal', () => /READ-ONLY: C \(cordon the row's node/.test(roPane()));
    await wait(500);
    expect(existsSync(record)).toBe(false);
    tmux('send-keys', '-t', 'ro', 'q');
  }, 60_000);
});
