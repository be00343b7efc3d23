// HAProxy on an LB's host, from `haproxy:` of the LB in lbtop.yaml (beside its runtime API's socket/tcp; the
// deprecated `routing:` is read as an alias): where haproxy.cfg and the haproxy binary are, the master CLI and
// the systemd unit, and what follows a map/ACL file write. Read by the map editor, drift, the trace and certs
// alike, and by socket discovery over ssh. Imports nothing.

export interface HaproxyHostConfig {
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
