// A transport moves bytes and nothing else: it opens a duplex stream to a runtime-API socket. Framing, commands
// and parsing belong to the sources that use it.
import type { Duplex } from 'node:stream';

export interface StreamConnector {
  /** Shown on screen: "unix:/run/haproxy/admin.sock", "tcp:127.0.0.1:9999", "ssh lb1 → stream-local ...". */
  readonly label: string;
  /** Opens a fresh stream. Rejects with TransportError when the peer refuses or the timeout expires. */
  connect(timeoutMs: number): Promise<Duplex>;
}
