// A transport moves bytes and nothing else: it opens a duplex stream to a runtime-API socket. Framing, commands
// and parsing belong to the sources that use it.
import type { Duplex } from 'node:stream';

export interface StreamConnector {
  /** Shown on screen: "unix:/run/haproxy/admin.sock", "tcp:127.0.0.1:9999", "ssh lb1 → stream-local ...". */
  readonly label: string;
  /** Opens a fresh stream. Rejects with TransportError when the peer refuses or the timeout expires. */
  connect(timeoutMs: number): Promise<Duplex>;
  /**
   * True when a stream of this connector may stay open between polls: it holds no process and no session slot on
   * the host (an SSH forwarding channel; not a socat exec, which takes one of sshd's MaxSessions while open).
   */
  readonly keepable?: boolean;
  /**
   * Optional fast path for one request whose reply ends when the peer closes (the runtime API's one-shot mode):
   * connects, writes `request`, and resolves with every byte received until the close. Local sockets have it;
   * streams that cannot offer it (SSH channels) leave it out and callers use connect().
   */
  exchange?(request: string, timeoutMs: number): Promise<Buffer>;
}

/** Why an exchange ended before the peer closed: the deadline passed, or the connection broke mid-reply. */
export class ExchangeInterrupted extends Error {
  constructor(readonly reason: 'timeout' | NodeJS.ErrnoException) {
    super(reason === 'timeout' ? 'timeout' : reason.message);
  }
}
