// `ip -j addr` on one host through a CommandRunner: the kernel's list of addresses, the base of the VIP truth.
import type { IpInterface } from '../../model/failover.js';
import type { CommandRunner } from '../../transport/exec.js';
import { runOk } from '../runner-check.js';
import { parseIpAddrJson } from './ip-addr.js';

export const ipAddrArgv = (): string[] => ['ip', '-j', 'addr'];

export async function collectAddresses(runner: CommandRunner): Promise<IpInterface[]> {
  return parseIpAddrJson(await runOk(runner, ipAddrArgv()));
}
