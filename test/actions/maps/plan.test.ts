// The pure parts of the map editor, on the recorded seed-000-style config and maps: where files are used,
// the exact plan (commands, entry diff, file diff) for each edit, whole-list replaces that keep comments, drift.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { patternDrift, serverDrift } from '../../../src/actions/drift.js';
import { serverDriftToConfig } from '../../../src/actions/drift-fix.js';
import { planMapsEdit } from '../../../src/actions/maps/plan.js';
import type { MapsLbInput } from '../../../src/actions/maps/types.js';
import { NO_AFTER_WRITE } from '../../../src/actions/maps/deps.js';
import { parseHaproxyConfig } from '../../../src/sources/haproxy/config/parse.js';
import { parseEntryList, replaceEntries } from '../../../src/sources/haproxy/maps/file-edit.js';
import { entriesOf, parsePatternFile, serializePatternFile } from '../../../src/sources/haproxy/maps/map-file.js';
import { patternUses } from '../../../src/sources/haproxy/maps/usage.js';
import { parseServersState } from '../../../src/sources/haproxy/parse-servers-state.js';
import { previewText } from '../../../src/present/confirmation.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/haproxy-routing/${name}`, import.meta.url), 'utf8');
const HOSTS = '/etc/haproxy/maps/hosts.map';
const hostsText = fixture('maps/hosts.map');
const config = parseHaproxyConfig(fixture('haproxy.cfg').replaceAll('@DIR@/maps', '/etc/haproxy/maps'));
const uses = patternUses(config);

function input(lb: string, over: Partial<MapsLbInput> = {}): MapsLbInput {
  const runtime = entriesOf(parsePatternFile(hostsText, 'map')).map((e) => ({ key: e.key, value: e.value ?? '' }));
  return {
    lb, error: null, version: '2.6.12-1+deb12u4', nextVer: 0, runtime, uses: uses.filter((u) => u.file === HOSTS),
    disk: { text: hostsText, exists: true }, diskError: null, after: NO_AFTER_WRITE, ...over,
  };
}

describe('where the config uses each file', () => {
  it('finds map converters in dynamic use_backend, http-request rules and -f ACLs, with lines', () => {
    expect(uses.map((u) => `${u.file.split('/').pop()} ${u.proxy}:${u.line} ${u.rule} ${u.via}${u.match ? ` ${u.match}` : ''}`)).toEqual([
      'internal.acl k8s_http_lb_frontend:25 acl internal -f str',
      'hosts.map default:37 use_backend map_dom',
      'routes.map www:42 use_backend map_beg',
      'tricky.map edge:47 http-request set-header map_str',
      'edge.map edge:48 use_backend map_str',
    ]);
  });
});

describe('planMapsEdit', () => {
  it('set on two LBs: one set map per LB, the entry diff and the file diff', () => {
    const plan = planMapsEdit('map', HOSTS, { op: 'set', key: 'nginx.k8s01-dev.example.net', value: 'https_k8s02_dev_backend' }, [input('lb-0'), input('lb-1')]);
    expect(plan.errors).toEqual([]);
    expect(plan.title).toBe(`set nginx.k8s01-dev.example.net to https_k8s02_dev_backend in ${HOSTS} on lb-0, lb-1`);
    expect(plan.lbs.map((l) => l.commands)).toEqual([
      [`set map ${HOSTS} nginx.k8s01-dev.example.net https_k8s02_dev_backend`],
      [`set map ${HOSTS} nginx.k8s01-dev.example.net https_k8s02_dev_backend`],
    ]);
    const text = previewText(plan);
    expect(text).toContain('== lb-0 (HAProxy 2.6.12-1+deb12u4): 9 → 9 entries');
    expect(text).toContain('    -nginx.k8s01-dev.example.net https_k8s01_dev_backend\n    +nginx.k8s01-dev.example.net https_k8s02_dev_backend');
    expect(plan.lbs[0]!.file!.after).toBe(hostsText.replace('nginx.k8s01-dev.example.net https_k8s01_dev_backend', 'nginx.k8s01-dev.example.net https_k8s02_dev_backend'));
    expect(plan.lbs[0]!.rollback[0]).toBe(`prepare map ${HOSTS}`);
  });

  it('says what the reload after the write does to a runtime that differed from the file before the edit', () => {
    const reload = { ...NO_AFTER_WRITE, mode: 'reload' as const, configPath: '/etc/haproxy/haproxy.cfg' };
    const base = input('lb-0').runtime!;
    // Drift before the edit: one entry added at runtime only, one value changed at runtime only.
    const runtime = [...base.map((e) => (e.key === 'nginx.k8s02-dev.example.net' ? { ...e, value: 'be_runtime' } : e)), { key: 'whoami.k8s01.example.net', value: 'be_default' }];
    const edit = { op: 'set' as const, key: 'nginx.k8s01-dev.example.net', value: 'https_k8s02_dev_backend' };
    const plan = planMapsEdit('map', HOSTS, edit, [input('lb-0', { runtime, after: reload })]);
    expect(plan.lbs[0]!.afterReload!.map((e) => e.key)).not.toContain('whoami.k8s01.example.net');
    expect(plan.warnings).toEqual([
      'lb-0: runtime and file differed before this edit; the reload loads the file and drops 1 runtime-only entry (whoami.k8s01.example.net); sets 1 entry to the file\'s value (nginx.k8s02-dev.example.net) (see 8-DRIFT)',
    ]);
    expect(previewText(plan)).toContain(`: 10 → 10 entries (${base.length} once the reload loads the file)`);
    // Without a reload, or with runtime and file the same, the preview says nothing more.
    expect(planMapsEdit('map', HOSTS, edit, [input('lb-0', { runtime })]).warnings).toEqual([]);
    expect(planMapsEdit('map', HOSTS, edit, [input('lb-0', { after: reload })]).lbs[0]!.afterReload).toBeNull();
  });

  it('refuses what HAProxy could not take back intact, an add of an existing key, a set of a missing one', () => {
    const errors = (edit: Parameters<typeof planMapsEdit>[2]) => planMapsEdit('map', HOSTS, edit, [input('lb-0')]).errors.join(' | ');
    expect(errors({ op: 'add', key: 'a b', value: 'x' })).toMatch(/blank/);
    expect(errors({ op: 'add', key: 'x\nshow info', value: 'x' })).toMatch(/blank|newline/);
    expect(errors({ op: 'add', key: '#0x55', value: 'x' })).toMatch(/starts with "#"/);
    expect(errors({ op: 'add', key: 'ok.example.org', value: ' padded' })).toMatch(/leading\/trailing blanks/);
    expect(errors({ op: 'add', key: 'example.net', value: 'x' })).toMatch(/already in .* use "set"|already in/);
    expect(errors({ op: 'set', key: 'missing.example.org', value: 'x' })).toMatch(/no entry missing\.example\.org/);
    expect(planMapsEdit('map', HOSTS, { op: 'add', key: 'y', value: 'x' }, [input('lb-0', { runtime: null })]).errors).toEqual([`lb-0: has no map ${HOSTS}`]);
  });

  it('escapes ; and blanks in a value: one command', () => {
    const plan = planMapsEdit('map', HOSTS, { op: 'add', key: 'evil.example.org', value: 'x;shutdown sessions' }, [input('lb-0')]);
    expect(plan.lbs[0]!.commands).toEqual([`add map ${HOSTS} evil.example.org x\\;shutdown\\ sessions`]);
  });

  it('a replace is prepare/add @ver/commit on 2.6 and add/set/del (with a warning) on 2.2', () => {
    const entries = parseEntryList('# new list\nexample.net k8s_http_lb_backend\nnew.example.org be_api\n', 'map');
    const v26 = planMapsEdit('map', HOSTS, { op: 'replace', entries }, [input('lb-0', { nextVer: 3 })]).lbs[0]!;
    expect(v26.commands).toEqual([`prepare map ${HOSTS}`, `add map @4 ${HOSTS} example.net k8s_http_lb_backend`, `add map @4 ${HOSTS} new.example.org be_api`, `commit map @4 ${HOSTS}`]);
    const v22plan = planMapsEdit('map', HOSTS, { op: 'replace', entries }, [input('lb-0', { version: '2.2.9' })]);
    expect(v22plan.lbs[0]!.commands.filter((c) => c.startsWith('del map'))).toHaveLength(8);
    expect(v22plan.lbs[0]!.commands.at(-1)).toBe(`add map ${HOSTS} new.example.org be_api`);
    expect(v22plan.warnings.join()).toMatch(/no prepare\/commit/);
  });
});

describe('replaceEntries keeps the file as written', () => {
  it('comments stay, surviving entries keep their line, a replaced entry\'s successor takes its place', () => {
    const file = parsePatternFile('#domainname backendname\na.example  be_a\n# [...]\nb.example be_b\n', 'map');
    const out = serializePatternFile(replaceEntries(file, [{ key: 'a.example', value: 'be_a' }, { key: 'c.example', value: 'be_c' }]));
    expect(out).toBe('#domainname backendname\na.example  be_a\n# [...]\nc.example be_c\n');
    const added = serializePatternFile(replaceEntries(file, [{ key: 'z.example', value: 'be_z' }, { key: 'a.example', value: 'be_a' }, { key: 'b.example', value: 'be_b' }]));
    expect(added).toBe('#domainname backendname\nz.example be_z\na.example  be_a\n# [...]\nb.example be_b\n');
  });
});

describe('drift', () => {
  it('map entries: only at runtime, only on disk, changed, order only', () => {
    const disk = 'a 1\nb 2\nc 3\n';
    expect(patternDrift('lb', 'map', 'f', [{ key: 'a', value: '1' }, { key: 'b', value: '9' }, { key: 'd', value: '4' }], disk)).toEqual({
      kind: 'pattern', lb: 'lb', table: 'map', file: 'f', runtimeOnly: [{ key: 'd', value: '4' }], diskOnly: [{ key: 'c', value: '3' }], changed: [{ key: 'b', runtime: '9', disk: '2' }], orderOnly: false,
    });
    expect(patternDrift('lb', 'map', 'f', [{ key: 'b', value: '2' }, { key: 'a', value: '1' }, { key: 'c', value: '3' }], disk)).toMatchObject({ orderOnly: true, changed: [] });
    expect(patternDrift('lb', 'map', 'f', [{ key: 'a', value: '1' }, { key: 'b', value: '2' }, { key: 'c', value: '3' }], disk)).toBeNull();
  });

  it('servers: a runtime drain, a weight and a config-disabled server made ready; the config diff for disk', () => {
    const header = '1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n';
    const row = (id: number, name: string, admin: number, weight: number, iweight: number) => `3 k8s_http_lb_backend ${id} ${name} 127.0.0.1 2 ${admin} ${weight} ${iweight} 5 1 0 2 0 0 0 0 - 9 - 0 0 - - 0\n`;
    const states = parseServersState(`${header}${row(1, 'controlplane1', 8, 1, 1)}${row(2, 'controlplane2', 0, 10, 50)}${row(3, 'worker1', 4, 1, 1)}${row(4, 'worker2', 0, 1, 1)}\n`);
    const items = serverDrift('lb-0', config, states);
    expect(items.map((i) => i.kind === 'server' && `${i.server} ${i.field} ${i.runtime}/${i.disk} line ${i.line}`)).toEqual([
      'controlplane1 admin drain/ready line 68', 'controlplane2 weight 10/50 line 69', 'worker1 admin ready/maint line 70',
    ]);
    const cfg = fixture('haproxy.cfg');
    const { after, skipped } = serverDriftToConfig(cfg, items as Extract<(typeof items)[number], { kind: 'server' }>[]);
    expect(skipped).toHaveLength(1);
    expect(after.split('\n').slice(67, 70)).toEqual(['    server controlplane1 127.0.0.1:9 check', '    server controlplane2 127.0.0.1:9 check weight 10', '    server worker1 127.0.0.1:9']);
  });
  it('servers named with regex metacharacters: their own line is written, never a neighbour, and nothing throws', () => {
    // HAProxy takes any of these as a server name; the line check once pasted them into a RegExp.
    const names = ['web(1)', 'a+b', 'x[0', 'db.*', 'node?', 'k8s|worker', 'back\\slash', 'dollar$'];
    const cfg = ['backend be', ...names.map((n) => `  server ${n} 127.0.0.1:9 check`), '  server web1 127.0.0.1:9', ''].join('\n');
    const item = (server: string, line: number) => ({ kind: 'server' as const, lb: 'lb', backend: 'be', server, line, field: 'weight' as const, runtime: '7', disk: '1' });
    const { after, skipped } = serverDriftToConfig(cfg, names.map((n, i) => item(n, i + 2)));
    expect(skipped).toEqual([]);
    expect(after.split('\n').slice(1, -2)).toEqual(names.map((n) => `  server ${n} 127.0.0.1:9 check weight 7`));
    // `db.*` must not pass for `db.x`, nor `web(1)` for `web1`: a line with another name is skipped, unchanged.
    for (const [name, line] of [['db.*', 5], ['web(1)', names.length + 2]] as const) {
      const other = serverDriftToConfig(cfg.replace('server db.* ', 'server db.x '), [item(name, line)]);
      expect(other.skipped, name).toEqual([`be/${name}: line ${line} is not its server line any more`]);
    }
  });
});
