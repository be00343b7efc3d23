// Converter chains that real configs route with, as a lab config (one frontend per chain, each on its own
// loopback port, every backend answering its own name) and the requests that exercise them. The expected
// backend is what HAProxy answered; trace-chains-live.test.ts checks the trace against the running binary.

export const HOSTS_MAP = 'fixtures/seeds/000/maps/hosts.map';

/** Maps written beside the config (the hosts map is seed 000's, as written). */
export const MAPS: Record<string, string> = {
  'words.map': 'net be_api\n',
  'paths.map': '/api be_api\n/api/v2 be_v2\n/static be_static\n',
  'ends.map': '.example.org be_api\nexample.org be_web\n',
  'subs.map': 'admin be_admin\n?debug be_web\n',
  'regs.map': '^api[0-9]+\\. be_api\n\\.eu$ be_svc.eu\n',
  'ports.map': '18117 be_api\n18150:18170 be_web\n',
  'shards.map': '1:9 be_api\n10: be_web\n',
  'nets.map': '10.0.0.0/8 be_api\n10.1.0.0/16 be_web\n192.168.1.5 be_admin\n172.16.0.0/255.240.0.0 be_static\n',
  'nums.map': 'a.example 007\nb.example 12\n',
  'sni.map': 'a.example.net tcp_a\nexample.org tcp_b\n',
};

/** TCP backends (mode tcp) for the SNI passthrough frontend: one server each, a unix socket answering its name. */
export const TCP_BACKENDS = ['tcp_a', 'tcp_b', 'tcp_fallback'];

export const BACKENDS = [
  'be_default', 'be_fallback', 'be_api', 'be_web', 'be_www', 'be_admin', 'be_static', 'be_v2', 'be_svc.eu', 'be_example',
  'be_wordless', 'be_7', 'be_0', 'be_8080', 'api_svc', 'https_k8s02_dev_backend', 'https_k8s01_dev_backend', 'https_k8s01_backend',
  'be_hdr_dom', 'be_hdr_beg', 'be_hdr_end', 'be_hdr_reg', 'be_path_beg', 'be_path_end', 'be_path_reg', 'be_base', 'be_url', 'be_lower_dom', 'be_port', 'be_field_str',
];

export interface Frontend {
  name: string;
  /** Extra ports beside its own (dst_port tests). */
  extraPorts?: number[];
  /** `bind ... ssl crt` with the lab certificate. */
  ssl?: boolean;
  /** Uses converters some versions lack (host_only/port_only: upstream 2.7+, also in Debian's 2.6.12). */
  later?: boolean;
  lines: string[];
}

export const FRONTENDS: Frontend[] = [
  { name: 'field_dom', lines: ['use_backend %[req.hdr(host),lower,field(1,:),map_dom(@DIR@/hosts.map)]', 'default_backend be_default'] },
  { name: 'field_str', lines: ['use_backend %[req.hdr(host),field(1,:),lower,map_str(@DIR@/hosts.map,be_fallback)]'] },
  { name: 'word_first', lines: ['use_backend be_%[req.hdr(host),word(1,.)]', 'default_backend be_default'] },
  { name: 'word_last2', lines: ['use_backend be_%[req.hdr(host),word(-2,.)]', 'default_backend be_default'] },
  { name: 'word_missing', lines: ['use_backend %[req.hdr(host),word(3,.),map_str(@DIR@/words.map,be_wordless)]', 'default_backend be_default'] },
  { name: 'field_missing', lines: ['use_backend %[req.hdr(host),field(3,.),map_str(@DIR@/words.map,be_wordless)]', 'default_backend be_default'] },
  { name: 'field_back', lines: ['use_backend be_%[req.hdr(host),field(-3,.,2)]', 'default_backend be_default'] },
  { name: 'field_count', lines: ['use_backend be_%[req.hdr(host),field(2,.,2)]', 'default_backend be_default'] },
  { name: 'trim_path', lines: ['use_backend be_%[path,ltrim(/),rtrim(/),field(1,/)]', 'default_backend be_default'] },
  { name: 'trim_host', lines: ['use_backend %[req.hdr(host),rtrim(.),lower,map_str(@DIR@/hosts.map,be_fallback)]'] },
  { name: 'bytes', lines: ['use_backend be_%[path,bytes(1,3)]', 'default_backend be_default'] },
  { name: 'concat', lines: ['use_backend %[req.hdr(host),field(1,.),concat(_svc)]', 'default_backend be_default'] },
  { name: 'concat_var', lines: ['http-request set-var(txn.tier) str(svc)', 'use_backend %[req.hdr(host),field(1,.),concat(_,txn.tier,)]', 'default_backend be_default'] },
  { name: 'map_beg', lines: ['use_backend %[path,map_beg(@DIR@/paths.map)]', 'default_backend be_default'] },
  { name: 'map_end', lines: ['use_backend %[req.hdr(host),map_end(@DIR@/ends.map,be_fallback)]'] },
  { name: 'map_sub', lines: ['use_backend %[url,map_sub(@DIR@/subs.map)]', 'default_backend be_default'] },
  { name: 'map_reg', lines: ['use_backend %[req.hdr(host),lower,map_reg(@DIR@/regs.map,be_fallback)]'] },
  { name: 'map_int_port', extraPorts: [18160], lines: ['use_backend %[dst_port,map_int(@DIR@/ports.map,be_fallback)]'] },
  { name: 'map_int_hdr', lines: ['use_backend %[req.hdr(x-shard),map_int(@DIR@/shards.map,be_fallback)]', 'default_backend be_default'] },
  { name: 'map_ip', lines: ['use_backend %[req.hdr(x-client),map_ip(@DIR@/nets.map,be_fallback)]', 'default_backend be_default'] },
  { name: 'map_str_int', lines: ['use_backend be_%[req.hdr(host),map_str_int(@DIR@/nums.map,0)]', 'default_backend be_default'] },
  { name: 'upper', lines: ['use_backend be_%[req.hdr(host),field(1,.),upper,lower]', 'default_backend be_default'] },
  { name: 'regsub_port', lines: ['use_backend %[req.hdr(host),regsub(:[0-9]+$,),lower,map_str(@DIR@/hosts.map,be_fallback)]'] },
  {
    name: 'acls',
    lines: [
      'acl hdr_dom hdr_dom(host) -i example.com',
      'acl hdr_beg hdr_beg(host) static.',
      'acl hdr_end hdr_end(host) .internal',
      'acl hdr_reg hdr_reg(host) ^v[0-9]+\\.',
      'acl path_beg path_beg /api/',
      'acl path_end path_end .php',
      'acl path_reg path_reg ^/u/[0-9]+$',
      'acl base base_beg shop.example.net/cart',
      'acl url url_sub debug=1',
      'acl lower_dom req.hdr(host),lower -m dom example.org',
      'acl port dst_port 18123',
      'acl field_str req.hdr(host),field(1,:) -m str api.example.net',
      'use_backend be_hdr_dom if hdr_dom',
      'use_backend be_hdr_beg if hdr_beg',
      'use_backend be_hdr_end if hdr_end',
      'use_backend be_hdr_reg if hdr_reg',
      'use_backend be_path_beg if path_beg',
      'use_backend be_path_end if path_end',
      'use_backend be_path_reg if path_reg',
      'use_backend be_base if base',
      'use_backend be_url if url',
      'use_backend be_lower_dom if lower_dom',
      'use_backend be_field_str if field_str',
      'use_backend be_port if port !{ path /port-off }',
      'default_backend be_default',
    ],
  },
  { name: 'sni', ssl: true, lines: ['use_backend %[ssl_fc_sni,lower,map_dom(@DIR@/hosts.map,be_fallback)]', 'default_backend be_default'] },
  { name: 'base', lines: ['use_backend %[base,map_beg(@DIR@/paths.map)]', 'default_backend be_default'] },
  {
    name: 'sni_tcp',
    lines: [
      'mode tcp',
      'tcp-request inspect-delay 5s',
      'tcp-request content accept if { req.ssl_hello_type 1 }',
      'use_backend %[req.ssl_sni,lower,map_dom(@DIR@/sni.map,tcp_fallback)]',
    ],
  },
  { name: 'host_only', later: true, lines: ['use_backend %[req.hdr(host),host_only,map_str(@DIR@/hosts.map,be_fallback)]'] },
  { name: 'port_only', later: true, lines: ['use_backend be_%[req.hdr(host),port_only]', 'default_backend be_default'] },
];

// Frontend i listens on BASE_PORT + i: map_int_port (17th) on 18117 as ports.map says, acls (23rd) on 18123.
export const ADDRESS = '127.12.9.1';
export const BASE_PORT = 18100;

export function portOf(name: string): number {
  return BASE_PORT + FRONTENDS.findIndex((f) => f.name === name);
}

/** The lab config; without `later`, the frontends using converters some versions lack are left out. */
export function chainsConfig(later: boolean): string {
  const out = ['global', '    stats socket @SOCKET@ mode 600 level admin', 'defaults', '    mode http', '    timeout connect 5s', '    timeout client 10s', '    timeout server 10s'];
  for (const f of FRONTENDS.filter((x) => later || !x.later)) {
    out.push('', `frontend ${f.name}`, `    bind ${ADDRESS}:${portOf(f.name)}${f.ssl ? ' ssl crt @DIR@/lab.pem' : ''}`);
    for (const p of f.extraPorts ?? []) out.push(`    bind ${ADDRESS}:${p}`);
    out.push(...f.lines.map((l) => `    ${l}`));
  }
  for (const b of BACKENDS) out.push('', `backend ${b}`, `    http-request return status 200 content-type text/plain string ${b}`);
  for (const b of TCP_BACKENDS) out.push('', `backend ${b}`, '    mode tcp', `    server s unix@@DIR@/${b}.sock`);
  return `${out.join('\n')}\n`;
}
