// An ingress controller's empty server slot. The HAProxy Kubernetes Ingress Controller (seed 004) and the template
// controllers built like it keep a fixed number of `server SRV_n` lines per backend so that pods can come and go
// through the runtime API without a reload; a slot with no pod is parked as `server SRV_n 127.0.0.1:1 disabled`
// (or moved there at runtime with `set server addr 127.0.0.1 port 1` + `state maint`). Such a slot is in
// maintenance by design: showing it as MAINT, like a node an operator took out, would be a false alarm on every
// scaled-down deployment. 127.0.0.1 port 1 (tcpmux) serves nothing, so the pair is a safe marker.
import type { ServerState, StatRow } from '../../model/haproxy.js';
import { adminStateOf } from './admin-state.js';

const PARKED_AT = { address: '127.0.0.1', port: 1 } as const;

/** True for a server in maintenance whose address is the parking address 127.0.0.1:1. */
export function isPlaceholderSlot(row: StatRow, state: ServerState | null): boolean {
  if (row.kind !== 'server' || adminStateOf(row, state) !== 'maint') return false;
  // `show servers state` carries the address even where `show stat` blanks it (a `level user` socket).
  if (state) return state.address === PARKED_AT.address && state.port === PARKED_AT.port;
  return row.addr === `${PARKED_AT.address}:${PARKED_AT.port}`;
}

/** What the state column says for one: not MAINT, which reads as "someone took a node out". */
export const PLACEHOLDER_LABEL = 'slot';
