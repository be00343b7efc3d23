// `routing:` of an LB in lbtop.yaml: where the routing editor finds haproxy.cfg on the host, and what it does
// after it has written a map/ACL file there. Imports nothing.

export interface RoutingConfig {
  /** haproxy.cfg on the LB's host (read for where maps are used, drift, trace; `haproxy -c -f`). */
  config: string;
  /** Master CLI socket on the host (`haproxy -W -S PATH`), for `reload`. */
  master?: string;
  /** The haproxy binary on the host, for `haproxy -c`; unset: the binary of the running HAProxy (/proc/PID/exe). */
  bin?: string;
  /** After a map/ACL file is written: nothing, `haproxy -c` only, or `haproxy -c` then reload. */
  afterWrite: 'none' | 'check' | 'reload';
  /** How to reload: the master CLI, or `systemctl reload SERVICE`. */
  reloadVia: 'master' | 'systemctl';
  service: string;
  /** Deprecated `routing.sudo`, as written: lbtop reads the LB's one `sudo:` (config/sudo.ts folds this into it). */
  sudo?: boolean;
}
