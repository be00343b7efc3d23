// Link latency for the SSH fleet benchmark, where the kernel has no netem (`tc qdisc ... netem` is "unknown
// qdisc" here): a TCP relay on loopback per LB that holds every chunk, in each direction, for a fixed time before
// passing it on. lbtop's ssh_config then points each LB at its relay (HostName 127.0.0.1, Port, HostKeyAlias
// the LB's address), so host keys are still checked against the lab's known_hosts.
//
// It runs as its own process (`startDelayProxy` forks this file), so its CPU is never counted as lbtop's. What it
// models: propagation delay, `delayMs` each way (a round trip of twice that). What it does not: bandwidth limits,
// loss, or TCP's own behaviour on a slow path (the relay terminates TCP on both sides).
import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

export interface DelayProxy {
  /** Target "host:port" → the loopback port that reaches it with the delay. */
  ports: Map<string, number>;
  stop(): Promise<void>;
}

interface Target {
  host: string;
  port: number;
}

/** Starts the relay process for these targets; resolves once every relay listens. */
export function startDelayProxy(targets: readonly Target[], delayMs: number): Promise<DelayProxy> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`delay proxy exited (${code}) before it listened`)));
    child.once('message', (message) => {
      child.removeAllListeners('exit');
      const ports = new Map(Object.entries(message as Record<string, number>));
      resolve({
        ports,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.send({ targets, delayMs });
  });
}

/** One direction of a relay: every chunk is written `delayMs` after it arrived, in order (same-length timers fire in order). */
function delayed(from: net.Socket, to: net.Socket, delayMs: number): void {
  from.on('data', (chunk) => {
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, delayMs);
  });
  // A clean close is passed on as one (after the data still held); a broken one breaks the other side too.
  from.on('end', () => setTimeout(() => to.end(), delayMs));
  from.on('error', () => to.destroy());
  from.on('close', (hadError) => {
    if (hadError) setTimeout(() => to.destroy(), delayMs);
  });
}

function relay(target: Target, delayMs: number): Promise<number> {
  const server = net.createServer((client) => {
    client.setNoDelay(true);
    const upstream = net.connect(target.port, target.host);
    upstream.setNoDelay(true);
    delayed(client, upstream, delayMs);
    delayed(upstream, client, delayMs);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

// The relay process itself: told its targets over IPC, answers with the ports, runs until SIGTERM.
if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('message', async (message) => {
    const { targets, delayMs } = message as { targets: Target[]; delayMs: number };
    const ports: Record<string, number> = {};
    for (const target of targets) ports[`${target.host}:${target.port}`] = await relay(target, delayMs);
    process.send!(ports);
  });
  process.on('SIGTERM', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}
