// A unix socket whose listen queue is full (HAProxy busy accepting: many pollers at once, a reload) refuses
// connect() with EAGAIN. Nothing was sent yet, so the local transport tries again until its timeout, and the LB is
// not reported unreachable for a queue that drains a moment later. The listener is a real kernel socket that
// accepts nobody until told to (python3), so the queue is really full.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unixSocket } from '../../src/transport/local.js';

// Listens with a backlog of 1 and accepts nothing until a line arrives on stdin; then answers each connection
// with "ok\n" and closes it.
const LISTENER = `
import socket, sys
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1)
print("listening", flush=True)
sys.stdin.readline()
while True:
    c, _ = s.accept()
    try:
        c.recv(100); c.sendall(b"ok\\n")
    except OSError:
        pass  # one of the connections that filled the queue, closed meanwhile
    finally:
        c.close()
`;

let dir = '';
let listener: ChildProcess | null = null;
const held: net.Socket[] = [];
afterEach(() => {
  held.forEach((s) => s.destroy());
  held.length = 0;
  if (listener?.pid) listener.kill('SIGKILL');
  listener = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const connectCode = (socketPath: string) =>
  new Promise<string>((resolve) => {
    const s = net.createConnection({ path: socketPath });
    s.once('connect', () => {
      held.push(s);
      resolve('connected');
    });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });

describe('local unix socket with a full listen queue', () => {
  it('connects once the queue drains, within the timeout, instead of failing with EAGAIN', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-busy-'));
    const socketPath = path.join(dir, 'admin.sock');
    listener = spawn('python3', ['-c', LISTENER, socketPath], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise((resolve) => listener!.stdout!.once('data', resolve));
    expect(existsSync(socketPath)).toBe(true);
    // Fill the queue: the kernel queues backlog+1 connections, the next one is refused with EAGAIN.
    let code = '';
    for (let i = 0; i < 8 && code !== 'EAGAIN'; i += 1) code = await connectCode(socketPath);
    expect(code).toBe('EAGAIN');

    const reply = unixSocket(socketPath).exchange!('show info\n', 5000);
    // The queue drains a moment later: the listener starts accepting.
    setTimeout(() => {
      held.forEach((s) => s.destroy());
      listener!.stdin!.write('go\n');
    }, 300);
    expect((await reply).toString()).toBe('ok\n');
  });

  it('still reports a queue that stays full, once the timeout is spent', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-busy-'));
    const socketPath = path.join(dir, 'admin.sock');
    listener = spawn('python3', ['-c', LISTENER, socketPath], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise((resolve) => listener!.stdout!.once('data', resolve));
    let code = '';
    for (let i = 0; i < 8 && code !== 'EAGAIN'; i += 1) code = await connectCode(socketPath);
    expect(code).toBe('EAGAIN');
    await expect(unixSocket(socketPath).connect(400)).rejects.toThrow(/queue stayed full/);
  });
});
