// Passphrases for the subcommands. The terminal reader against a fake TTY stream (raw mode, no echo, editing
// keys), the shared queue (hosts on one key get one question), then the bundled bin over a real sshd in
// namespaces with an encrypted key: `lbtop status` in a real terminal (tmux) asks once for two LBs, a wrong
// passphrase is asked again, the secret never shows; without a terminal it names the key and says ssh-agent.
import { execFile, execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleetLab, type FleetLab } from '../../../src/lab/netns/fleet-lab.js';
import { PassphrasePrompts } from '../../../src/cli/passphrase/prompts.js';
import { readSecret } from '../../../src/cli/passphrase/secret-reader.js';
import { answerOnTerminal } from '../../../src/cli/passphrase/terminal.js';
import { BIN, ensureFreshBuild } from '../../e2e/fresh-build.js';

const PASSPHRASE = 'open sesame 42';
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A terminal's input stream as lbtop sees it: TTY, raw mode, flowing or paused; `type` sends keystrokes. */
class FakeTty extends EventEmitter {
  isTTY: boolean;
  isRaw = false;
  flowing = false;
  rawModes: boolean[] = [];
  constructor(tty = true) {
    super();
    this.isTTY = tty;
  }
  setRawMode(mode: boolean) {
    this.isRaw = mode;
    this.rawModes.push(mode);
  }
  resume() {
    this.flowing = true;
  }
  pause() {
    this.flowing = false;
  }
  type(text: string) {
    this.emit('data', Buffer.from(text));
  }
}
const sink = () => {
  const out = { text: '', write: (s: string) => void (out.text += s) };
  return out;
};

describe('reading a passphrase on a terminal', () => {
  it('reads one line in raw mode, echoes nothing, honours Backspace and Ctrl-U, restores the terminal', async () => {
    const tty = new FakeTty();
    const out = sink();
    const answer = readSecret(tty, out, 'Enter passphrase: ');
    expect(tty.isRaw).toBe(true);
    expect(tty.flowing).toBe(true);
    tty.type('xx\x15sec');
    tty.type('\x1b[D'); // an arrow key: not part of the passphrase
    tty.type('retX\x7f');
    tty.type('é\r');
    expect(await answer).toBe('secreté');
    expect(out.text).toBe('Enter passphrase: \n');
    expect(tty.rawModes).toEqual([true, false]);
    expect(tty.flowing).toBe(false);
    expect(tty.listenerCount('data')).toBe(0);
  });

  it('Ctrl-D skips the key, Ctrl-C stops asking', async () => {
    const tty = new FakeTty();
    const skipped = readSecret(tty, sink(), '? ');
    tty.type('abc\x04');
    expect(await skipped).toBeNull();
    const aborted = readSecret(tty, sink(), '? ');
    tty.type('\x03');
    expect(await aborted).toBe('abort');
  });
});

describe('the subcommands\' passphrase queue', () => {
  it('asks once for hosts sharing a key and gives every one the answer; asks again after a wrong one', async () => {
    const prompts = new PassphrasePrompts();
    const tty = new FakeTty();
    const out = sink();
    answerOnTerminal(prompts, { input: tty, output: out });
    const asks = ['ssh lb1', 'ssh lb2', 'ssh lb3'].map((host) => prompts.ask('/keys/fleet', host));
    await wait(0);
    expect(out.text).toBe("Enter passphrase for key '/keys/fleet' (ssh lb1): ");
    tty.type(`${PASSPHRASE}\r`);
    expect(await Promise.all(asks)).toEqual([PASSPHRASE, PASSPHRASE, PASSPHRASE]);
    const retry = prompts.ask('/keys/fleet', 'ssh lb1');
    await wait(0);
    expect(out.text).toContain("Wrong passphrase, try again (2/3) for key '/keys/fleet': ");
    tty.type('\x03'); // stop asking: this and every later ask get no passphrase
    expect(await retry).toBeNull();
    expect(await prompts.ask('/keys/other', 'ssh lb4')).toBeNull();
    expect(out.text).not.toContain(PASSPHRASE);
  });

  it('without a terminal, says once per key file that it belongs in ssh-agent, and asks nothing', async () => {
    const prompts = new PassphrasePrompts();
    const out = sink();
    answerOnTerminal(prompts, { input: new FakeTty(false), output: out });
    expect(await Promise.all([prompts.ask('/keys/fleet', 'ssh lb1'), prompts.ask('/keys/fleet', 'ssh lb2')])).toEqual([null, null]);
    expect(await prompts.ask('/keys/fleet', 'ssh lb3')).toBeNull();
    expect(out.text).toBe(
      'lbtop: SSH key /keys/fleet for ssh lb1 is encrypted and stdin is not a terminal to ask its passphrase: load it into ssh-agent first (ssh-add /keys/fleet)\n',
    );
  });
});

describe('lbtop status with an encrypted key, over real sshd', () => {
  let lab: FleetLab;
  let config: string;
  let key: string;
  const TMUX = `lbtop-passphrase-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', TMUX, ...args], { encoding: 'utf8' });
  const pane = () => tmux('capture-pane', '-p', '-J', '-S', '-50', '-t', 'e2e');
  async function until(what: string, test: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${pane()}`);
      await wait(100);
    }
  }

  beforeAll(async () => {
    ensureFreshBuild();
    // Both LBs log in with the same encrypted key (ssh_config's IdentityFile; no agent).
    lab = await startFleetLab({ lbs: 2, nodes: 1, passphrase: PASSPHRASE });
    key = path.join(lab.ssh.lab.dir, 'enc_key');
    config = path.join(lab.ssh.lab.dir, 'lbtop.yaml');
    const lbs = lab.lbs.map((lb) => `  ${lb}: { ssh: ${lb}, haproxy: { socket: ${lab.haproxy[lb]!.socket} } }`);
    writeFileSync(config, `defaults:\n  ssh: { config: ${lab.ssh.configFile} }\nlbs:\n${lbs.join('\n')}\n`);
  }, 120_000);
  afterAll(async () => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
    await lab?.close();
  });

  it('in a terminal: one question for both LBs, asked again after a wrong passphrase, never shown; both LBs ok', async () => {
    const out = path.join(lab.ssh.lab.dir, 'status.json');
    const command = `env -u SSH_AUTH_SOCK XDG_STATE_HOME=${lab.ssh.lab.dir}/state node ${BIN} status --json -c ${config} > ${out}; echo LBTOP-EXITED-$?; sleep 30`;
    tmux('new-session', '-d', '-s', 'e2e', '-x', '200', '-y', '20', command);
    await until('the question', () => pane().includes(`Enter passphrase for key '${key}'`));
    expect(pane()).toMatch(/\(ssh lb[12](, ssh lb[12])?\): $/m);
    tmux('send-keys', '-t', 'e2e', '-l', 'not the one');
    tmux('send-keys', '-t', 'e2e', 'Enter');
    await until('the second question', () => pane().includes(`Wrong passphrase, try again (2/3) for key '${key}'`));
    tmux('send-keys', '-t', 'e2e', '-l', PASSPHRASE);
    tmux('send-keys', '-t', 'e2e', 'Enter');
    await until('lbtop to exit', () => pane().includes('LBTOP-EXITED-'));
    const screen = pane();
    expect(screen).toContain('LBTOP-EXITED-0');
    expect(screen.match(/Enter passphrase/g)).toHaveLength(1);
    expect(screen).not.toContain(PASSPHRASE);
    expect(screen).not.toContain('not the one');
    const status = JSON.parse(readFileSync(out, 'utf8')) as { lbs: { name: string; ok: boolean; endpoint: string }[] };
    expect(status.lbs.map((lb) => [lb.name, lb.ok])).toEqual([['lb1', true], ['lb2', true]]);
  }, 60_000);

  it('`cli` asks first: the time at the question does not count against the command\'s reply timeout', async () => {
    // A 1 s runtime-API timeout, and the passphrase typed 2 s after the question.
    const quick = path.join(lab.ssh.lab.dir, 'quick.yaml');
    writeFileSync(quick, readFileSync(config, 'utf8').replace(/haproxy: \{ socket: (\S+) \}/g, 'haproxy: { socket: $1, timeout: 1000 }'));
    const out = path.join(lab.ssh.lab.dir, 'cli.txt');
    const command = `env -u SSH_AUTH_SOCK XDG_STATE_HOME=${lab.ssh.lab.dir}/state node ${BIN} cli --lb lb2 -c ${quick} show info > ${out}; echo LBTOP-EXITED-$?; sleep 30`;
    tmux('new-session', '-d', '-s', 'cli', '-x', '200', '-y', '20', command);
    const cliPane = () => tmux('capture-pane', '-p', '-J', '-t', 'cli');
    await until('the question', () => cliPane().includes(`Enter passphrase for key '${key}' (ssh lb2): `));
    await wait(2000);
    tmux('send-keys', '-t', 'cli', '-l', PASSPHRASE);
    tmux('send-keys', '-t', 'cli', 'Enter');
    await until('lbtop to exit', () => cliPane().includes('LBTOP-EXITED-'));
    expect(cliPane()).toContain('LBTOP-EXITED-0');
    expect(readFileSync(out, 'utf8')).toMatch(/^Name: HAProxy$/m);
  }, 30_000);

  it('without a terminal: names the key once, says to load it into ssh-agent, and fails', async () => {
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const env: NodeJS.ProcessEnv = { ...process.env, XDG_STATE_HOME: `${lab.ssh.lab.dir}/state` };
      delete env.SSH_AUTH_SOCK;
      const child = execFile(process.execPath, [BIN, 'status', '--json', '-c', config], { env }, (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(); // a pipe, not a terminal
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^lbtop: SSH key ${key} for ssh lb[12](, ssh lb[12])? is encrypted and stdin is not a terminal to ask its passphrase: load it into ssh-agent first \\(ssh-add ${key}\\)\\n$`),
    );
    const status = JSON.parse(result.stdout) as { lbs: { name: string; ok: boolean; error: string }[] };
    expect(status.lbs.map((lb) => [lb.name, lb.ok])).toEqual([['lb1', false], ['lb2', false]]);
    for (const lb of status.lbs) expect(lb.error).toMatch(/authentication as root failed|authentication as lbtoptest failed/);
  }, 30_000);
});
