// What a failover plan is built from: the config, the failover readings of every LB and the fleet (for the
// standby's HAProxy check). Plans are built against what the operator sees, like the server actions.
import type { LbtopConfig } from '../../model/config.js';
import type { HostFailoverState, VipRow } from '../../model/failover-state.js';
import type { Fleet } from '../../model/fleet.js';
import type { PeersReading } from '../../model/tables.js';
import type { VrrpInstance } from '../../model/failover.js';
import { addressKey } from '../../sources/netlink/address.js';

export interface FailoverContext {
  config: LbtopConfig;
  hosts: readonly HostFailoverState[];
  vips: readonly VipRow[];
  /** null: HAProxy not read; the pre-check then refuses. */
  fleet: Fleet | null;
  /** `show peers` of the failover LBs, for the peers check (peers-check.ts); absent: not read, not checked. */
  peers?: readonly PeersReading[];
}

export interface MoveRequest {
  /** A VIP address or a VRRP instance / haresources group name. */
  target: string;
  to: string;
  /** Move even when the standby's HAProxy does not have the affected backends UP. */
  force?: boolean;
  /** Use this method instead of the preferred one. */
  method?: 'track-file' | 'priority' | 'stop';
  /** Every LB the move could go to, carried into the plan for the preview's Tab (none: the CLI's one target). */
  targets?: readonly string[];
}

let counter = 0;
export const nextPlanId = (kind: string) => `${kind}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** Rows the request names: every VIP of an instance, or the one row of an address. */
export function findVipRows(ctx: FailoverContext, target: string): VipRow[] {
  const key = addressKey(target.split('/')[0] ?? '');
  // A resource script's row is shown, never planned on: no kernel can confirm where its floating IP went.
  return ctx.vips.filter((r) => !r.resource && (r.instance === target || (key !== null && addressKey(r.vip) === key)));
}

export function instanceOn(ctx: FailoverContext, lb: string, name: string): VrrpInstance | null {
  return ctx.hosts.find((h) => h.lb === lb)?.keepalived?.value?.runtime.instances.find((i) => i.name === name) ?? null;
}

/** The address this LB sends VRRP adverts from: unicast_src_ip, else the first primary address of the interface. */
export function primaryIp(ctx: FailoverContext, lb: string, inst: VrrpInstance): string | null {
  const conf = ctx.hosts.find((h) => h.lb === lb)?.keepalived?.value?.config?.instances.find((i) => i.name === inst.name);
  if (inst.unicastSource ?? conf?.unicastSource) return inst.unicastSource ?? conf?.unicastSource ?? null;
  const vipKeys = new Set(inst.vips.map((v) => addressKey(v.address)));
  const ifc = ctx.hosts.find((h) => h.lb === lb)?.addresses.value?.find((i) => i.name === inst.interface);
  return ifc?.addresses.find((a) => a.family === 'inet' && !a.secondary && !vipKeys.has(addressKey(a.address)))?.address ?? null;
}
