// The ssh_config alias an LB is reached by: its `ssh.host`, else its name (what ssh_config and known_hosts name).
import type { LbConfig } from '../model/config.js';

export function sshAlias(lb: LbConfig): string {
  return lb.ssh?.host ?? lb.name;
}
