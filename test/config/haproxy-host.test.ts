// HAProxy on an LB's host in lbtop.yaml: `haproxy: { config, bin, master, service, after_write, reload_via }`
// beside the runtime API's socket, schema-checked, defaults filled in, turned into the after-write policy; the
// older `routing:` block still read, with a warning, and ignored when `haproxy:` sets those keys itself.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { schemaAjv, loadSchema } from '../../src/config/schema.js';
import { afterWriteOf } from '../../src/runtime/maps-runtime.js';

const RELOAD = { mode: 'reload', configPath: '/etc/haproxy/haproxy.cfg', bin: null, via: 'master', service: 'haproxy' };
const DEBIAN = { mode: 'check', configPath: '/etc/haproxy/haproxy.cfg', bin: null, via: 'systemctl', service: 'haproxy' };

describe('haproxy: of an LB, HAProxy on its host', () => {
  it('reads the haproxy.cfg path, master socket and after-write policy', () => {
    const { config, issues } = loadConfig(`lbs:
  lb1:
    haproxy: { socket: /run/haproxy/admin.sock, config: /etc/haproxy/haproxy.cfg, master: /run/haproxy-master.sock, after_write: reload }
  lb2:
    haproxy: { socket: /run/lb2.sock }
`, 'lbtop.yaml');
    expect(issues).toEqual([]);
    expect(afterWriteOf(config!.lbs[0]!)).toEqual(RELOAD);
    expect(config!.lbs[0]!.haproxyHost?.master).toBe('/run/haproxy-master.sock');
    // Without host keys: Debian's path, haproxy -c after a write, no reload.
    expect(config!.lbs[1]!.haproxyHost).toBeUndefined();
    expect(afterWriteOf(config!.lbs[1]!)).toEqual(DEBIAN);
  });

  it('refuses an unknown policy with its line', () => {
    const { issues } = loadConfig(`lbs:
  lb1:
    haproxy: { socket: /run/haproxy/admin.sock }
    routing: { after_write: restart }
  lb2:
    haproxy: { socket: /run/lb2.sock, after_write: restart }
`, 'lbtop.yaml');
    expect(issues.some((i) => i.line === 4 && /routing\.after_write/.test(i.path))).toBe(true);
    expect(issues.some((i) => i.line === 6 && /haproxy\.after_write/.test(i.path))).toBe(true);
  });

  it('still reads the deprecated routing: with a warning', () => {
    const { config, issues } = loadConfig(`lbs:
  lb1:
    haproxy: { socket: /run/haproxy/admin.sock }
    routing: { config: /etc/haproxy/haproxy.cfg, master: /run/haproxy-master.sock, after_write: reload }
`, 'lbtop.yaml');
    expect(afterWriteOf(config!.lbs[0]!)).toEqual(RELOAD);
    expect(issues.map((i) => [i.path, i.line, i.severity, i.message])).toEqual([
      ['lbs.lb1.routing', 4, 'warning', 'routing: is deprecated: write config, master, after_write under haproxy: (haproxy: { config, bin, master, service, after_write, reload_via })'],
    ]);
  });

  it('takes haproxy: when both are written, and says routing: is ignored', () => {
    const { config, issues } = loadConfig(`lbs:
  lb1:
    haproxy: { socket: /run/haproxy/admin.sock, config: /srv/haproxy.cfg, reload_via: systemctl, service: lb }
    routing: { config: /etc/haproxy/haproxy.cfg, master: /run/haproxy-master.sock, after_write: reload }
`, 'lbtop.yaml');
    expect(afterWriteOf(config!.lbs[0]!)).toEqual({ mode: 'check', configPath: '/srv/haproxy.cfg', bin: null, via: 'systemctl', service: 'lb' });
    expect(config!.lbs[0]!.haproxyHost?.master).toBeUndefined();
    expect(issues.map((i) => [i.path, i.severity, i.message])).toEqual([
      ['lbs.lb1.routing', 'warning', "routing: is deprecated and ignored here: the LB's haproxy: sets where HAProxy is on the host (move every key of routing: there)"],
    ]);
  });

  it('takes the host keys from defaults.haproxy, unless the LB still writes routing:', () => {
    const { config, issues } = loadConfig(`defaults:
  haproxy: { config: /srv/haproxy.cfg, after_write: none }
lbs:
  lb1: { haproxy: { socket: /run/1.sock } }
  lb2: { haproxy: { socket: /run/2.sock, after_write: reload, master: /run/m.sock } }
  lb3: { haproxy: { socket: /run/3.sock }, routing: { master: /run/m.sock } }
`, 'lbtop.yaml');
    expect(config!.lbs.map((lb) => afterWriteOf(lb))).toEqual([
      { ...DEBIAN, mode: 'none', configPath: '/srv/haproxy.cfg' },
      { ...RELOAD, configPath: '/srv/haproxy.cfg' },
      { ...DEBIAN, via: 'master' },
    ]);
    expect(issues.map((i) => i.path)).toEqual(['lbs.lb3.routing']);
  });

  it('is accepted by the schema under both names, and nothing else is', () => {
    const validate = schemaAjv().compile(loadSchema());
    const host = { config: '/etc/haproxy/haproxy.cfg', bin: '/usr/sbin/haproxy', master: '/run/m.sock', service: 'haproxy', after_write: 'reload', reload_via: 'master' };
    expect(validate({ lbs: { lb1: { haproxy: { socket: '/run/a.sock', ...host } } } })).toBe(true);
    expect(validate({ lbs: { lb1: { haproxy: { socket: '/run/a.sock' }, routing: { ...host, sudo: true } } } })).toBe(true);
    expect(validate({ defaults: { haproxy: host }, lbs: { lb1: { haproxy: { socket: '/run/a.sock' } } } })).toBe(true);
    expect(validate({ lbs: { lb1: { haproxy: { socket: '/run/a.sock', sudo: true } } } })).toBe(false);
  });
});
