// Key material for lab logins: client key pairs made with ssh-keygen, and an ssh-agent this process owns.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { sh } from './sh.js';

export interface KeyPair {
  /** Private key file; the public key is `${path}.pub`. */
  path: string;
  /** `ssh-ed25519 AAAA…` with no comment, ready for authorized_keys and known_hosts. */
  publicKey: string;
}

/** A new key pair at `file` (replacing any); `passphrase` '' makes an unencrypted key. */
export function makeKeyPair(file: string, options: { type?: 'ed25519' | 'ecdsa' | 'rsa'; passphrase?: string } = {}): KeyPair {
  rmSync(file, { force: true });
  rmSync(`${file}.pub`, { force: true });
  sh(['ssh-keygen', '-q', '-t', options.type ?? 'ed25519', '-N', options.passphrase ?? '', '-C', 'lbtop-lab', '-f', file]);
  return { path: file, publicKey: publicKeyOf(`${file}.pub`) };
}

export function publicKeyOf(pubFile: string): string {
  return readFileSync(pubFile, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
}

export interface AgentProcess {
  socket: string;
  pid: number;
  /** ssh-add a private key (unencrypted) to this agent. */
  add(keyFile: string): void;
  stop(): void;
}

/** A private ssh-agent in the foreground (-D), so its pid is ours to stop; never the operator's agent. */
export async function startAgent(socket: string): Promise<AgentProcess> {
  rmSync(socket, { force: true });
  const child: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(socket); i++) await sleep(20);
  if (!existsSync(socket) || child.pid === undefined) {
    child.kill('SIGKILL');
    throw new Error(`ssh-agent did not create ${socket}`);
  }
  return {
    socket,
    pid: child.pid,
    add(keyFile) {
      sh(['ssh-add', '-q', keyFile], { env: { SSH_AUTH_SOCK: socket } });
    },
    stop() {
      child.kill('SIGTERM');
      rmSync(socket, { force: true });
    },
  };
}
