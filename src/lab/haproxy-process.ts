// Starts and stops real HAProxy processes for the demo and the tests. Not part of lbtop's runtime path:
// it is test/demo infrastructure, so it may spawn processes itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseReloadReply } from '../sources/haproxy/reload-reply.js';
import { defaultHaproxyBin } from './haproxy-versions.js';

export interface HaproxyProcess {
  name: string;
  dir: string;
  configPath: string;
  /** Admin-level unix socket. */
  socket: string;
  /** Master CLI socket (master-worker mode), for `reload`. */
  masterSocket: string;
  readonly pid: number;
  /** Rewrites the config and reloads through the master (new worker, same sockets). */
  reload(config?: string): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  dir: string;
  /** haproxy.cfg text. `@SOCKET@` and `@DIR@` are replaced with this instance's paths. */
  config: string;
  /** Default: `haproxy` from PATH, or HAProxy 3.0 in the tests' 3.0 run (haproxy-versions.ts). */
  haproxyBin?: string;
  /** argv prefix to run HAProxy under, e.g. `['ip', 'netns', 'exec', NS]` to start it in a lab namespace. */
  wrap?: string[];
  /** How long to wait for the stats socket to answer (default 5 s); a big config on a busy machine needs more. */
  startTimeoutMs?: number;
}

/**
 * What the small lab configs of the tests start with: the admin socket (`@SOCKET@`, filled in by startHaproxy) and
 * HTTP defaults with short timeouts. A test adds its frontends and backends after it.
 */
export const LAB_HEAD = `global
  stats socket @SOCKET@ mode 600 level admin
defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
`;

export function haproxyAvailable(bin = 'haproxy'): boolean {
  const paths = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin']);
  return bin.includes('/') ? existsSync(bin) : paths.some((dir) => existsSync(path.join(dir, bin)));
}

export async function startHaproxy(options: StartOptions): Promise<HaproxyProcess> {
  const dir = path.join(options.dir, options.name);
  mkdirSync(dir, { recursive: true });
  const socket = path.join(dir, 'admin.sock');
  const masterSocket = path.join(dir, 'master.sock');
  const configPath = path.join(dir, 'haproxy.cfg');
  const render = (text: string) => text.replaceAll('@SOCKET@', socket).replaceAll('@DIR@', dir);
  writeFileSync(configPath, render(options.config));
  const bin = options.haproxyBin ?? defaultHaproxyBin();
  // -dR: no SO_REUSEPORT, so a port another lab HAProxy already holds fails the start loudly instead of the two
  // sharing its connections.
  const argv = [...(options.wrap ?? []), bin, '-W', '-db', '-dR', '-f', configPath, '-S', `${masterSocket},mode,600`];
  const child: ChildProcess = spawn(argv[0]!, argv.slice(1), {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If lbtop dies without running stop() (crash, lost terminal), take the lab's HAProxy down with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  try {
    await waitForSocket(socket, options.startTimeoutMs ?? 5000, () => child.exitCode !== null);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`haproxy ${options.name} did not start: ${(error as Error).message}\n${stderr}`, { cause: error });
  }
  const proc: HaproxyProcess = {
    name: options.name,
    dir,
    configPath,
    socket,
    masterSocket,
    get pid() {
      return child.pid ?? -1;
    },
    async reload(config?: string) {
      if (config !== undefined) writeFileSync(configPath, render(config));
      // The master opens its CLI socket a moment after the worker's stats socket (which startHaproxy waits for).
      let reply: string;
      for (let attempt = 0; ; attempt++) {
        try {
          reply = await rawCommand(masterSocket, 'reload');
          break;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (attempt >= 50 || (code !== 'ECONNREFUSED' && code !== 'ENOENT')) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      // 2.6 says nothing; 2.7+ says Success=0 (with the startup log) when the new config did not load.
      const said = parseReloadReply(reply);
      if (said.kind === 'failure' || said.kind === 'in-progress') throw new Error(`reload failed: ${reply}`);
      await waitForSocket(socket, 5000, () => child.exitCode !== null);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
  return proc;
}

/** One command on a fresh connection, for lab plumbing only (lbtop itself uses HaproxyClient). */
export function rawCommand(socketPath: string, command: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ path: socketPath });
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`timeout on ${socketPath}`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.write(`${command}\n`);
  });
}

async function waitForSocket(socketPath: string, timeoutMs: number, died: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (died()) throw new Error('haproxy exited');
    try {
      const reply = await rawCommand(socketPath, 'show info', 1000);
      if (reply.includes('Pid:')) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no answer on ${socketPath} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function writeFile(file: string, text: string): void {
  writeFileSync(file, text);
}
