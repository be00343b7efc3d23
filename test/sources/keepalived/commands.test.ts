import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors.js';
import { parseKeepalivedConf } from '../../../src/sources/keepalived/conf.js';
import { DUMP_FILES, parseSignum, readDumpArgv, signalArgv, signumArgv } from '../../../src/sources/keepalived/commands.js';

describe('keepalived dump commands', () => {
  it('reads --signum replies as keepalived 2.2.7 prints them, and refuses anything else', () => {
    // Recorded: `keepalived --signum=DATA` → "10", `--signum=JSON` → "36" (a real-time signal, build-dependent).
    expect(parseSignum('10\n')).toBe(10);
    expect(parseSignum('36\n')).toBe(36);
    for (const bad of ['', 'Unknown sigfunc BOGUS', '10\n12\n', '999']) {
      expect(() => parseSignum(bad)).toThrow(ParseError);
    }
  });

  it('builds the signal and read argv for the data dump', () => {
    expect(signumArgv('DATA')).toEqual(['keepalived', '--signum=DATA']);
    expect(signalArgv(10, 4242)).toEqual(['kill', '-s', '10', '4242']);
    expect(readDumpArgv('DATA')).toEqual(['cat', '/tmp/keepalived.data']);
    expect(DUMP_FILES.JSON).toBe('/tmp/keepalived.json');
  });
});

describe('parseKeepalivedConf robustness', () => {
  it('throws nothing but ParseError for any truncation of a config', () => {
    const text =
      'global_defs {\n  router_id lb\n}\nvrrp_script chk { script "/bin/true"\n  weight -5 }\n' +
      'vrrp_instance VI {\n  state MASTER\n  virtual_router_id 51\n  priority 150\n  authentication {\n' +
      '    auth_type PASS\n    auth_pass "pw"\n  }\n  track_script {\n    chk weight 3\n  }\n' +
      '  virtual_ipaddress {\n    10.0.0.1/24 dev eth0 label eth0:1\n  }\n}\n';
    expect(parseKeepalivedConf(text).instances[0]?.trackScripts).toEqual([{ name: 'chk', weight: 3 }]);
    for (let n = 0; n < text.length; n++) {
      try {
        parseKeepalivedConf(text.slice(0, n));
      } catch (err) {
        expect(err).toBeInstanceOf(ParseError);
      }
    }
  });
});
