// Local runtime-API sockets: a unix socket path or a TCP host:port, reached with node:net.
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { TransportError } from '../model/errors.js';
import { ExchangeInterrupted, type StreamConnector } from './types.js';

/**
 * A unix socket whose listen queue is full answers connect() with EAGAIN: HAProxy is busy accepting (many
 * pollers at once, a reload). Nothing was sent, so lbtop tries again, a little later each time, until the
 * connect timeout; only then is the LB unreachable.
 */
async function whenNotBusy<T>(timeoutMs: number, once: (waitMs: number) => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    try {
      return await once(Math.max(1, deadline - Date.now()));
    } catch (error) {
      const busy = (error as { cause?: NodeJS.ErrnoException }).cause?.code === 'EAGAIN';
      if (!busy || Date.now() + pause >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

function open(label: string, options: net.NetConnectOpts, timeoutMs: number): Promise<Duplex> {
  return whenNotBusy(timeoutMs, (waitMs) => attempt(label, options, waitMs, timeoutMs));
}

/** A connect error, with the system's error kept as its cause (whenNotBusy reads its code). */
function connectError(label: string, error: NodeJS.ErrnoException): TransportError {
  return Object.assign(new TransportError(`${label}: ${describeSocketError(error)}`, socketHint(error)), { cause: error });
}

function attempt(label: string, options: net.NetConnectOpts, waitMs: number, timeoutMs: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(options);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new TransportError(`${label}: no connection after ${timeoutMs} ms`));
    }, waitMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(connectError(label, error));
    });
  });
}

function describeSocketError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'socket file does not exist';
    case 'ECONNREFUSED':
      return 'connection refused (is HAProxy running?)';
    case 'EACCES':
      return 'permission denied opening the socket';
    case 'EAGAIN':
      return 'the socket\'s queue stayed full until the timeout (HAProxy too busy to accept)';
    case 'ECONNRESET':
    case 'EPIPE':
      // HAProxy closed the connection under us: it stopped, or a reload replaced the process mid-command.
      return 'connection reset (HAProxy stopped or reloaded?)';
    default:
      return error.message;
  }
}

function socketHint(error: NodeJS.ErrnoException): string | undefined {
  if (error.code === 'EACCES') return 'run lbtop as a user in the socket\'s group (Debian: haproxy), or with sudo';
  if (error.code === 'ENOENT') return 'check the `stats socket` line in haproxy.cfg';
  return undefined;
}

export function unixSocket(path: string): StreamConnector {
  return connector(`unix:${path}`, { path });
}

export function tcpSocket(hostPort: string): StreamConnector {
  const at = hostPort.lastIndexOf(':');
  const host = hostPort.slice(0, at).replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(hostPort.slice(at + 1));
  return connector(`tcp:${hostPort}`, { host, port });
}

function connector(label: string, options: net.NetConnectOpts): StreamConnector {
  const reads: ReadBuffers = { sizeHints: new Map(), spare: null };
  return {
    label,
    connect: (timeoutMs) => open(label, options, timeoutMs),
    exchange: (request, timeoutMs) => whenNotBusy(timeoutMs, (waitMs) => exchange(label, options, request, waitMs, reads)),
  };
}

/**
 * What a connector's exchanges keep between them: each request's last reply length (the next is about as long:
 * allocate once instead of doubling up to it), and one read buffer to lend. A read needs 64 KB free ahead of it,
 * so a 1 KB `show info` read into a buffer of its own cost 65 KB; polling 10,000 servers, those buffers were
 * ~2 MB/s of garbage, all of it outside V8's heap (RSS) until the next full GC. A small reply is copied out at
 * its length and the buffer lent again; a large one is handed on as it is (the parser keeps it a poll long).
 */
interface ReadBuffers {
  sizeHints: Map<string, number>;
  spare: Buffer | null;
}

function borrow(reads: ReadBuffers, size: number): Buffer {
  const spare = reads.spare;
  if (spare && spare.length >= size) {
    reads.spare = null;
    return spare;
  }
  return Buffer.allocUnsafe(size);
}

/** The reply, as its own bytes when it is small (the read buffer goes back to be lent again). */
function replyOf(reads: ReadBuffers, buffer: Buffer, used: number): Buffer {
  if (used > SMALL_REPLY || buffer.length > SPARE_MAX) return buffer.subarray(0, used);
  const reply = Buffer.allocUnsafe(used);
  buffer.copy(reply, 0, 0, used);
  if (!reads.spare || reads.spare.length < buffer.length) reads.spare = buffer;
  return reply;
}

const SMALL_REPLY = 64 * 1024;
const SPARE_MAX = 1024 * 1024;

/**
 * Connects, writes `request`, and reads until the peer closes into one growing buffer (node's `onread` option).
 * Why not the stream's 'data' events: HAProxy writes in chunks of its bufsize (~12 KB), so `show stat` at 10,000
 * servers arrives as ~200 chunks, and node's stream machinery per chunk cost ~3× more CPU than the bytes (measured
 * 14 ms against 5 ms per poll). Each read lands right after the previous one: no per-chunk copy or allocation.
 */
function exchange(label: string, options: net.NetConnectOpts, request: string, timeoutMs: number, reads: ReadBuffers): Promise<Buffer> {
  const { sizeHints } = reads;
  return new Promise((resolve, reject) => {
    // The last length plus 1/16: a reply a few digits longer than the last one (counters grow) must not take the
    // doubling below, which at 10,000 servers made every full read a 5 MB buffer and a 2.5 MB copy.
    const hint = sizeHints.get(request) ?? READ_SLACK;
    let buffer = borrow(reads, hint + (hint >> 4) + READ_SLACK);
    let used = 0;
    let connected = false;
    const room = () => {
      if (buffer.length - used < READ_SLACK) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, used);
        buffer = bigger;
      }
      return buffer.subarray(used);
    };
    const socket = net.createConnection({ ...options, onread: { buffer: room, callback: (bytes: number) => ((used += bytes), true) } });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(connected ? new ExchangeInterrupted('timeout') : new TransportError(`${label}: no connection after ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      connected = true;
      socket.write(request);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(connected ? new ExchangeInterrupted(error) : connectError(label, error));
    });
    socket.once('close', (hadError) => {
      if (hadError) return;
      clearTimeout(timer);
      // The next reply to the same request is about as long: allocate once instead of doubling up to it.
      if (sizeHints.size < 64 || sizeHints.has(request)) sizeHints.set(request, used);
      resolve(replyOf(reads, buffer, used));
    });
  });
}

/** Free space kept ahead of each read: node's own read size. */
const READ_SLACK = 64 * 1024;
