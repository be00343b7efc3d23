// `routing:` of an LB in lbtop.yaml: schema-checked, defaults filled in, turned into the after-write policy.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { afterWriteOf } from '../../src/runtime/maps-runtime.js';

describe('routing: of an LB', () => {
  it('reads the haproxy.cfg path, master socket and after-write policy', () => {
    const { config, issues } = loadConfig(`lbs:
  lb1:
    haproxy: { socket: /run/haproxy/admin.sock }
    routing: { config: /etc/haproxy/haproxy.cfg, master: /run/haproxy-master.sock, after_write: reload }
  lb2:
    haproxy: { socket: /run/lb2.sock }
`, 'lbtop.yaml');
    expect(issues).toEqual([]);
    expect(afterWriteOf(config!.lbs[0]!)).toEqual({ mode: 'reload', configPath: '/etc/haproxy/haproxy.cfg', bin: null, via: 'master', service: 'haproxy' });
    // No routing: Debian's path, haproxy -c after a write, no reload.
    expect(afterWriteOf(config!.lbs[1]!)).toEqual({ mode: 'check', configPath: '/etc/haproxy/haproxy.cfg', bin: null, via: 'systemctl', service: 'haproxy' });
  });

  it('refuses an unknown policy with its line', () => {
    const { issues } = loadConfig(`lbs:
  lb1:
    haproxy: { socket: /run/haproxy/admin.sock }
    routing: { after_write: restart }
`, 'lbtop.yaml');
    expect(issues.some((i) => i.line === 4 && /after_write/.test(i.path))).toBe(true);
  });
});
