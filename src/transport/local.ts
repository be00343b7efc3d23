// Local runtime-API sockets: a unix socket path or a TCP host:port, reached with node:net.
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { TransportError } from '../model/errors.js';
import type { StreamConnector } from './types.js';

function open(label: string, options: net.NetConnectOpts, timeoutMs: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(options);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new TransportError(`${label}: no connection after ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new TransportError(`${label}: ${describeSocketError(error)}`, socketHint(error)));
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
  const label = `unix:${path}`;
  return { label, connect: (timeoutMs) => open(label, { path }, timeoutMs) };
}

export function tcpSocket(hostPort: string): StreamConnector {
  const at = hostPort.lastIndexOf(':');
  const host = hostPort.slice(0, at).replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(hostPort.slice(at + 1));
  const label = `tcp:${hostPort}`;
  return { label, connect: (timeoutMs) => open(label, { host, port }, timeoutMs) };
}
