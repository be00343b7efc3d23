import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../src/config/format.js';
import { loadConfig } from '../../src/config/load.js';

/** Lines, not objects: the test reads like what the operator sees on the terminal. */
const report = (text: string) => {
  const { config, issues } = loadConfig(text, 'lbtop.yaml');
  return { config, lines: formatIssues(issues, 'lbtop.yaml') };
};
const yaml = (...lines: string[]) => lines.join('\n') + '\n';

describe('loadConfig reports every mistake at its line and column', () => {
  it('socket and tcp together, or neither', () => {
    const { config, lines } = report(
      yaml(
        'lbs:', //                                                      1
        '  lb1:', //                                                    2
        '    haproxy: { socket: /run/a.sock, tcp: 127.0.0.1:9999 }', // 3
        '  lb2:', //                                                    4
        '    haproxy:', //                                              5
        '      timeout: 1000', //                                       6
        '  lb3:', //                                                    7
        '    haproxy:', //                                              8
        '      socket: /run/haproxy/admin.sock', //                     9
      ),
    );
    expect(config).toBeUndefined();
    expect(lines).toEqual([
      'lbtop.yaml:3:5: lbs.lb1.haproxy: must have exactly one of socket or tcp',
      'lbtop.yaml:5:5: lbs.lb2.haproxy: must have exactly one of socket or tcp',
    ]);
  });

  it('unknown keys at every level, pointing at the key, with the likely meant one', () => {
    const { lines } = report(
      yaml('lbs:', '  lb1:', '    haproxy: { sockt: /run/a.sock }', '    shh: lb1', 'intervall: 3', 'clusters:', '  c: { backend: [x] }'),
    );
    expect(lines).toEqual([
      'lbtop.yaml:3:5: lbs.lb1.haproxy: must have exactly one of socket or tcp',
      'lbtop.yaml:3:16: lbs.lb1.haproxy.sockt: unknown key "sockt" (did you mean "socket"?)',
      'lbtop.yaml:4:5: lbs.lb1.shh: unknown key "shh" (did you mean "ssh"?)',
      'lbtop.yaml:5:1: intervall: unknown key "intervall" (did you mean "interval"?)',
      'lbtop.yaml:7:8: clusters.c.backend: unknown key "backend" (did you mean "backends"?)',
    ]);
  });

  it('an unknown key far from any known one lists the allowed keys', () => {
    expect(report(yaml('globals: {}')).lines).toEqual([
      'lbtop.yaml:1:1: globals: unknown key "globals" (allowed: lbs, clusters, defaults, bgp, interval, read_only, theme)',
    ]);
  });

  it('duplicate keys, with the line of the first', () => {
    const { config, lines } = report(
      yaml('lbs:', '  lb1:', '    haproxy: { socket: /a }', '  lb1:', '    haproxy: { socket: /b, socket: /c }'),
    );
    expect(config).toBeUndefined();
    expect(lines).toEqual([
      'lbtop.yaml:4:3: lbs.lb1: duplicate key "lb1" (first at line 2)',
      'lbtop.yaml:5:28: lbs.lb1.haproxy.socket: duplicate key "socket" (first at line 5)',
    ]);
  });

  it('wrong types and ranges, pointing at the value', () => {
    const { lines } = report(
      yaml(
        'interval: 0.1',
        'read_only: yes', // YAML 1.2: a string, not a boolean
        'theme: drak',
        'lbs:',
        '  lb1:',
        '    haproxy: { socket: run/a.sock, timeout: fast }',
        '  lb2:',
        '  lb3: { haproxy: { tcp: localhost } }',
        '  lb4: { haproxy: { tcp: "127.0.0.1:70000" }, ssh: { port: "22" } }',
      ),
    );
    expect(lines).toEqual([
      'lbtop.yaml:1:11: interval: must be >= 0.5',
      'lbtop.yaml:2:12: read_only: must be true or false',
      'lbtop.yaml:3:8: theme: must be dark, light, mono or the path of a theme .yaml file',
      'lbtop.yaml:6:24: lbs.lb1.haproxy.socket: must be an absolute path (the file may be read from any directory)',
      'lbtop.yaml:6:45: lbs.lb1.haproxy.timeout: must be a whole number',
      'lbtop.yaml:7:3: lbs.lb2: must be a map',
      'lbtop.yaml:8:26: lbs.lb3.haproxy.tcp: must be host:port, e.g. 127.0.0.1:9999 or [::1]:9999',
      'lbtop.yaml:9:26: lbs.lb4.haproxy.tcp: port 70000 is out of range (1 to 65535)',
      'lbtop.yaml:9:60: lbs.lb4.ssh.port: must be a whole number',
    ]);
  });

  it('missing haproxy, bad names, empty cluster', () => {
    const { lines } = report(yaml('lbs:', '  lb1: { sudo: true }', '  "lb 2": { haproxy: { socket: /x } }', 'clusters:', '  k8s: {}'));
    expect(lines).toEqual([
      'lbtop.yaml:2:3: lbs.lb1: missing required key "haproxy"',
      `lbtop.yaml:3:3: lbs."lb 2": invalid name "lb 2": a name starts with a letter or digit and has only letters, digits, '.', '_' and '-'`,
      'lbtop.yaml:5:3: clusters.k8s: must list backends or frontends',
    ]);
  });

  it('bad /regex/ and names claimed by two clusters', () => {
    const { config, lines } = report(
      yaml(
        'clusters:',
        '  k8s01: { backends: [k8s_http_lb_backend, "/(k8s/"], frontends: [fe] }',
        '  k8s02: { backends: ["/^k8s_/", k8s_http_lb_backend, "/x/g"], frontends: ["/^f/"] }',
      ),
    );
    expect(config).toBeUndefined();
    expect(lines).toEqual([
      'lbtop.yaml:2:23: warning: clusters.k8s01.backends[0]: "k8s_http_lb_backend" is also matched by /^k8s_/ of cluster k8s02; k8s01 comes first and gets it',
      'lbtop.yaml:2:44: clusters.k8s01.backends[1]: invalid regex /(k8s/: Unterminated group',
      'lbtop.yaml:2:67: warning: clusters.k8s01.frontends[0]: "fe" is also matched by /^f/ of cluster k8s02; k8s01 comes first and gets it',
      'lbtop.yaml:3:34: clusters.k8s02.backends[1]: backend "k8s_http_lb_backend" is already claimed by cluster k8s01 (line 2)',
      'lbtop.yaml:3:55: clusters.k8s02.backends[2]: "/x/g" is not a /regex/ (write /pattern/ or /pattern/i; proxy names never contain "/")',
    ]);
  });

  it('warnings alone keep the config', () => {
    const { config, lines } = report(yaml('clusters:', '  a: { backends: [be1, be1] }', '  b: { backends: ["/be/"] }'));
    expect(lines).toEqual([
      'lbtop.yaml:2:19: warning: clusters.a.backends[0]: "be1" is also matched by /be/ of cluster b; a comes first and gets it',
      'lbtop.yaml:2:24: warning: clusters.a.backends[1]: backend "be1" is listed twice (first at line 2)',
    ]);
    expect(config?.clusters.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('says when a /regex/ of an earlier cluster takes a name listed exactly in a later one', () => {
    const { config, lines } = report(yaml('clusters:', '  dev: { backends: ["/dev/"] }', '  prod: { backends: [web_dev_old] }'));
    expect(lines).toEqual([
      'lbtop.yaml:3:22: warning: clusters.prod.backends[0]: "web_dev_old" is also matched by /dev/ of cluster dev; ' +
        'dev comes first and gets it',
    ]);
    expect(config).toBeDefined();
  });

  it('YAML syntax errors, and nothing else on a broken tree', () => {
    expect(report(yaml('lbs:', '  lb1:', '    haproxy: { socket: /a', 'theme: 3')).lines).toEqual([
      expect.stringMatching(/^lbtop\.yaml:4:1: /),
    ]);
    expect(report('- just\n- a list\n').lines).toEqual(['lbtop.yaml:1:1: must be a map']);
  });

  it('a key brought in by a merge is reported at the mapping that merged it', () => {
    const { lines } = report(yaml('base: &b { sockett: /a }', 'lbs:', '  lb1:', '    haproxy: { <<: *b, socket: /a }'));
    expect(lines).toContain('lbtop.yaml:4:5: lbs.lb1.haproxy.sockett: unknown key "sockett" (did you mean "socket"?)');
  });

  it('refuses alias bombs instead of expanding them', () => {
    const bomb = yaml('a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`));
    const { config, lines } = report(bomb);
    expect(config).toBeUndefined();
    expect(lines).toEqual([expect.stringMatching(/^lbtop\.yaml:1:1: .*alias/i)]);
  });
});
