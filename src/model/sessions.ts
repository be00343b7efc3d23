// What `show sess` and `show errors` say, as plain data: the sessions (HAProxy calls them streams) an LB carries
// right now, and the requests or responses it rejected. Parsed by src/sources/haproxy/sessions/ and errors/.

export interface HaproxySession {
  /** The stream's pointer, "0x55760997e6f0": what `show sess <id>` and `shutdown session <id>` take. */
  id: string;
  /** "tcpv4", "tcpv6", "unix_stream", "?" for internal streams (Lua, httpclient). */
  proto: string;
  /** The client's "addr:port" ("127.0.0.1:57082", "::1:40100"), "unix:N" (listener id), or null when HAProxy has none. */
  client: string | null;
  frontend: string;
  /** Null for `<NONE>`: no backend picked yet (or the CLI's own session). */
  backend: string | null;
  /** Null for `<none>`: no server picked yet, or a backend without one (redirects, applets). */
  server: string | null;
  /** Seconds since the request began; HAProxy rounds it to its two largest units ("1d2h"). Null for "?". */
  ageSec: number | null;
  /** The two sides' connection states, client then server ("EST/EST", "EST/CLO"). */
  state: string;
  /** Seconds until the stream's next timeout fires (exp=), null when none is armed. */
  expiresSec: number | null;
  /** Bytes received from the client and sent to it (`req … total=` / `res … total=`): only in `show sess all`. */
  bytesIn: number | null;
  bytesOut: number | null;
  /** The server's "addr:port" as connected (`show sess all`); null otherwise. */
  serverAddr: string | null;
  /** True for the runtime API's own connection (frontend GLOBAL): never a traffic session to end. */
  cli: boolean;
}

/** Which sessions an operator asked for: a backend, or one server of it; all when neither. */
export interface SessionFilter {
  backend?: string;
  server?: string;
}

/** One rejected request or response kept by HAProxy (`show errors`): the last one per proxy and direction. */
export interface ErrorCapture {
  /** "07/Dec/2026:14:15:54.437" as HAProxy printed it: the LB's local time, zone unsaid. */
  when: string;
  /** HAProxy's global event counter: higher is newer, whatever the clock says. */
  event: number;
  direction: 'request' | 'response';
  /** The proxy that kept it: the frontend for a request, the backend for a response. */
  proxy: string;
  /** The other side: the backend (request) or frontend (response); server when one was picked. */
  peer: string | null;
  server: string | null;
  source: string | null;
  /** Byte offset of the first byte HAProxy could not parse, in `bytes`. */
  errorAt: number | null;
  /** "MSG_RQVER(6)": where HAProxy's HTTP parser was. */
  parserState: string | null;
  /** The captured bytes, decoded from HAProxy's escaped dump (latin1: one char per byte). */
  bytes: string;
  /** The dump as HAProxy printed it: one entry per line, its offset and its escaped text. */
  lines: { offset: number; text: string; continued: boolean }[];
}
