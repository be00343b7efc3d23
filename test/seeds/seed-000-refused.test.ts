// Seed 000's haproxy.cfg is refused by HAProxy 2.6 (`mode tcp` backends behind an http frontend). How lbtop says
// so: the reader of `haproxy -c` output on the recorded refusal, and a config write on a real LB (the path of the
// drift fix "write runtime to disk"): lbtop runs `haproxy -c`, reports every one of HAProxy's ALERTs in its own
// words, puts the old file back and does not reload.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConfigEdit } from '../../src/actions/config-edit-apply.js';
import { checkRefusal, parseCheckOutput } from '../../src/sources/haproxy/check-output.js';
import { parseInfo } from '../../src/sources/haproxy/parse-info.js';
import { startMapsLab, type MapsLab } from '../support/lab/maps-lab.js';
import { placeSeedConfig, seedText } from './seed-files.js';

const MODE_ALERT = /http frontend 'k8s_http_lb_frontend' \([^)]*:47\) tries to use incompatible tcp backend '(\w+)' \([^)]*:\d+\) (as its default backend|in a 'use_backend' rule) \(see 'mode'\)\./g;

describe('the recorded refusal (HAProxy 2.6.12)', () => {
  const recorded = seedText('000/haproxy-c-2.6.12.txt');

  it("keeps HAProxy's three ALERTs and drops the NOTICEs and the generic closing line", () => {
    const { alerts, warnings } = parseCheckOutput(recorded);
    expect(alerts.map((a) => [...a.matchAll(MODE_ALERT)].map((m) => m[1]))).toEqual([['k8s_http_lb_backend'], ['http_k8s01_dev_backend'], ['http_k8s02_dev_backend']]);
    expect(warnings).toEqual([
      "config : Proxy 'k8s_https_lb_frontend': L6 sample fetches ignored on HTTP proxies (declared at /tmp/lbtop-seed-000/haproxy.cfg:66).",
      "config : Proxy 'k8s_https_lb_frontend': L6 sample fetches ignored on HTTP proxies (declared at /tmp/lbtop-seed-000/haproxy.cfg:67).",
    ]);
    // The last four lines (what lbtop showed before) held one ALERT of three.
    expect([...recorded.trim().split('\n').slice(-4).join('\n').matchAll(MODE_ALERT)]).toHaveLength(1);
    expect([...checkRefusal(recorded).matchAll(MODE_ALERT)]).toHaveLength(3);
  });

  it('falls back to the last lines for output it does not know', () => {
    expect(checkRefusal('a\nb\nc\nd\ne\n')).toBe('b | c | d | e');
  });
});

describe('writing seed 000 over a running LB', () => {
  let lab: MapsLab;
  beforeAll(async () => {
    lab = await startMapsLab(['lb-a']);
  });
  afterAll(async () => lab?.close());

  it('is refused by haproxy -c with HAProxy\'s words, the old file goes back, nothing reloads', async () => {
    const configPath = lab.policy['lb-a']!.configPath!;
    const before = readFileSync(configPath, 'utf8');
    const api = lab.deps.clients.get('lb-a')!;
    const pid = parseInfo(await api.send('show info')).pid;
    const seed = readFileSync(placeSeedConfig('000', path.join(lab.root, 'seed-000')), 'utf8');
    const outcome = await applyConfigEdit({ ...lab.deps, after: () => ({ ...lab.policy['lb-a']!, mode: 'reload' }) }, 'lb-a', before, seed);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/^haproxy -c failed \(exit 1, [^:]*\): /);
    expect([...outcome.error!.matchAll(MODE_ALERT)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      'k8s_http_lb_backend as its default backend',
      "http_k8s01_dev_backend in a 'use_backend' rule",
      "http_k8s02_dev_backend in a 'use_backend' rule",
    ]);
    expect(outcome.error).toMatch(/; no reload$/);
    expect(outcome.steps).toEqual([expect.stringMatching(/written/), `old ${configPath} put back`]);
    expect(readFileSync(configPath, 'utf8')).toBe(before);
    api.close();
    expect(parseInfo(await api.send('show info')).pid).toBe(pid);
  });
});
