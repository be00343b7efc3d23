// Long-lived sessions through a real HAProxy, for the sessions tests and fixtures: a loopback backend that keeps
// every connection open (an HTTP request gets its headers and a first chunk, then nothing more; any other bytes
// are echoed), and clients that connect through HAProxy and hold on until HAProxy or the test closes them. The
// client records when its connection was closed by the other side: "the client sees its connection closed".
import net from 'node:net';

export interface HoldingBackend {
  port: number;
  close(): Promise<void>;
}

export async function startHoldingBackend(): Promise<HoldingBackend> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      // A chunked response that never ends: HAProxy keeps the stream open, like a long download or a websocket.
      if (/^[A-Z]+ \S+ HTTP\/1\.[01]\r\n/.test(chunk.toString('latin1'))) {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n');
      } else socket.write(chunk);
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface HeldClient {
  /** The client's own port: HAProxy shows it as the session's source (`src=127.0.0.1:PORT`). */
  localPort: number;
  /** Resolves when the connection closes, whoever closed it; `byPeer` is false when the test closed it. */
  closed: Promise<{ byPeer: boolean }>;
  isOpen(): boolean;
  close(): void;
}

/** Connects to HAProxy at `port`, sends `hello` (an HTTP request line or bytes), and holds the connection open. */
export async function holdSession(port: number, hello: string): Promise<HeldClient> {
  const socket = net.connect(port, '127.0.0.1');
  let open = true;
  let byUs = false;
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  const closed = new Promise<{ byPeer: boolean }>((resolve) =>
    socket.once('close', () => {
      open = false;
      resolve({ byPeer: !byUs });
    }),
  );
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(hello);
  // The first bytes back mean HAProxy has picked a server and the session is established end to end.
  const answered = new Promise<boolean>((resolve) => socket.once('data', () => resolve(true)));
  if (!(await Promise.race([answered, closed.then(() => false)]))) throw new Error(`the connection through port ${port} closed before any reply`);
  return {
    localPort: socket.localPort!,
    closed,
    isOpen: () => open,
    close: () => {
      byUs = true;
      socket.destroy();
    },
  };
}

/** An HTTP request that the holding backend answers with a response that never ends. */
export const HOLD_HTTP = 'GET /stream HTTP/1.1\r\nhost: lab\r\n\r\n';
/** The same, sent to one server of the lab's HTTP backend (its `use-server` rules), so a test knows where it lands. */
export const holdHttpOn = (server: string) => `GET /${server}/stream HTTP/1.1\r\nhost: lab\r\n\r\n`;

/** A loopback port nothing listens on right now, for a lab HAProxy's `bind` (the client's address shows in `show sess`). */
// Ports for HAProxy listeners. A port from `listen(0)` is free only until it is closed: another test file running
// at the same time can be handed the same one before HAProxy binds it, and two HAProxys bind one port side by side
// (SO_REUSEPORT), so one file's requests land in the other's HAProxy. Each vitest worker therefore takes its ports
// from its own block below the kernel's ephemeral range (32768+), which listen(0) and outgoing connections use.
const BLOCK = 200;
let next = 0;

export async function freePort(): Promise<number> {
  const pool = Number(process.env.VITEST_POOL_ID ?? 0);
  if (!(pool > 0)) return listenAndClose(0);
  for (; next < BLOCK; next++) {
    const port = 20_000 + pool * BLOCK + next;
    try {
      await listenAndClose(port);
      next++;
      return port;
    } catch {
      // still held (a listener of an earlier file in this worker): take the next one
    }
  }
  throw new Error(`no free port left in this worker's block (${BLOCK})`);
}

async function listenAndClose(port: number): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return bound;
}

/**
 * Two frontends on loopback ports, HTTP and TCP, each to a backend whose servers all point at the holding
 * backend, with a client timeout long enough that the sessions stay for the whole test. `/worker1/…` and
 * `/worker2/…` pick the HTTP server; other paths go round robin.
 */
export function sessionLabConfig(ports: { http: number; tcp: number; backend: number }): string {
  const to = `127.0.0.1:${ports.backend}`;
  return `global
  stats socket @SOCKET@ mode 600 level admin
defaults
  mode http
  timeout connect 1s
  timeout client 120s
  timeout server 120s
frontend web
  bind 127.0.0.1:${ports.http}
  default_backend k8s_http_backend
frontend api
  mode tcp
  bind 127.0.0.1:${ports.tcp}
  default_backend k8s_api_backend
backend k8s_http_backend
  balance roundrobin
  use-server worker1 if { path_beg /worker1/ }
  use-server worker2 if { path_beg /worker2/ }
  server worker1 ${to}
  server worker2 ${to}
backend k8s_api_backend
  mode tcp
  server controlplane1 ${to}
`;
}
