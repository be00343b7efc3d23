// The event timeline: every state change the pollers see, kept in memory for the EVENTS view.

export type EventKind =
  | 'server-status' // UP -> DOWN, DOWN -> UP, -> MAINT ...
  | 'backend-status'
  | 'frontend-status'
  | 'check' // check_status changed (L4OK -> L4CON ...)
  | 'admin' // admin state changed (drain, maint, ready)
  | 'weight'
  | 'lb' // an LB became unreachable / came back / was reloaded
  | 'action' // something lbtop itself did (so the timeline shows cause and effect)
  | 'vrrp' // a keepalived instance changed state (BACKUP -> MASTER ...)
  | 'heartbeat' // heartbeat resources or a node's status changed
  | 'bgp' // a BIRD protocol changed state
  | 'vip'; // the kernels' answer to "who holds this VIP" changed (moved, split brain, nobody)

export interface TimelineEvent {
  at: number;
  lb: string;
  kind: EventKind;
  /** "backend/server", "backend", "frontend", or "" for LB-level events. */
  subject: string;
  from: string;
  to: string;
  detail?: string;
}
