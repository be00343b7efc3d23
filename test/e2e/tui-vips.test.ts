// End to end in a real terminal: the bundled lbtop in tmux on the keepalived pair of the failover tests (two LB
// namespaces, real keepalived and HAProxy, each reached over a real sshd inside its namespaces, as an `ssh:` LB).
// The VIPS view shows the VIPs on lb1; `f` moves api_vip to lb2 and `R` brings it back, then `m` moves every VIP
// of lb1 and `R` brings them all back — each checked with `ip addr` in the namespaces, never with lbtop's reading.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostSshd } from '../support/lab/host-sshd.js';
import { makeKeyPair } from '../../src/lab/netns/keys.js';
import { startKeepalivedPair, type KeepalivedPair } from '../support/lab/keepalived-lab.js';
import { tmuxTerminal, wait } from './tmux.js';
import { ensureFreshBuild } from './fresh-build.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const term = tmuxTerminal(`lbtop-vips-${process.pid}`, 'e2e');
const { tmux, pane, keys } = term;
const until = (what: string, test: () => boolean, timeoutMs = 20_000) => term.until(what, test, timeoutMs);

let pair: KeepalivedPair;
let config: string;

beforeAll(async () => {
  ensureFreshBuild(); // never rebuilds dist/ under a test that runs it (npm test built it)
  pair = await startKeepalivedPair();
  const key = makeKeyPair(path.join(pair.lab.dir, 'id_tui'));
  const known: string[] = [];
  const hosts: string[] = [];
  for (const name of ['lb1', 'lb2'] as const) {
    const sshd = await startHostSshd(pair.lab, pair.lbs[name].shell, [key.publicKey]);
    known.push(sshd.knownHostsLine);
    hosts.push(`Host ${name}\n  HostName ${sshd.address}\n  User root\n  IdentityFile ${key.path}\n  UserKnownHostsFile ${pair.lab.dir}/known_hosts_tui\n  GlobalKnownHostsFile /dev/null\n`);
  }
  writeFileSync(`${pair.lab.dir}/known_hosts_tui`, `${known.join('\n')}\n`);
  writeFileSync(`${pair.lab.dir}/ssh_config_tui`, hosts.join(''));
  // The lab's own config, each LB reached over SSH (keepalived's dumps are in that host's private /tmp).
  const yaml = pair.yaml().replace(/^ {2}(lb[12]):\n/gm, `  $1:\n    ssh: { host: $1, config: ${pair.lab.dir}/ssh_config_tui }\n`);
  config = path.join(pair.lab.dir, 'lbtop-tui.yaml');
  writeFileSync(config, yaml);
}, 120_000);

afterAll(async () => {
  term.kill();
  await pair?.close();
});

describe('the VIPS view in a real terminal', () => {
  it('shows the VIPs on lb1; f and R move api_vip to lb2 and back; m and R move all of lb1 and back', async () => {
    const [api, ingress] = pair.vips;
    const command = [
      // Ink treats CI=true as non-interactive; no agent: the key comes from the lab's ssh_config.
      'env -u CI -u SSH_AUTH_SOCK', `XDG_STATE_HOME=${pair.lab.dir}/state`, 'node', path.join(ROOT, 'bin/lbtop'),
      '-c', config, '-i', '1', '; echo LBTOP-EXITED-$?; sleep 30',
    ].join(' ');
    tmux('new-session', '-d', '-s', 'e2e', '-x', '180', '-y', '45', command);
    await until('the VIP owner in the header', () => pane().includes(`k8s01 ${api}@lb1 ${ingress}@lb1`));
    keys('V');
    await until('the VIPS view', () => new RegExp(`${api.replaceAll('.', '\\.')}\\s+api_vip\\s+k8s01\\s+MASTER 101\\s+BACKUP 100\\s+lb1`).test(pane()));
    expect(pane()).toMatch(new RegExp(`${ingress.replaceAll('.', '\\.')}\\s+ingress_vip\\s+k8s01\\s+MASTER 101\\s+BACKUP 100\\s+lb1`));

    // One VIP: the cursor is on api_vip (the first row).
    keys('f');
    await until('the preview', () => pane().includes(`PREVIEW: move api_vip (${api}) from lb1 to lb2`));
    expect(pane()).toContain('Method: track-file');
    expect(pair.holders(api)).toEqual(['lb1']);
    await wait(400); // a confirmation typed in the same breath as the key that opened the dialog is refused
    keys('-l', 'k8s01');
    keys('Enter');
    await until('the move', () => pane().includes('DONE: move api_vip'));
    expect(pair.holders(api)).toEqual(['lb2']);
    expect(pair.holders(ingress)).toEqual(['lb1']);
    keys('R');
    await until('the way back preview', () => /PREVIEW: .*api_vip/.test(pane()) && pane().includes('type "k8s01"'));
    await wait(400);
    keys('-l', 'k8s01');
    keys('Enter');
    await until('the way back', () => /DONE: .*api_vip/.test(pane()));
    expect(pair.holders(api)).toEqual(['lb1']);

    // The whole LB: every VIP lb1 holds, confirmed by typing lb1.
    keys('Escape');
    await until('the VIPS view again', () => !pane().includes('DONE:') && /api_vip\s+k8s01\s+MASTER/.test(pane()));
    keys('m');
    await until('the LB preview', () => pane().includes('PREVIEW: move every VIP of lb1 to lb2'));
    expect(pane()).toContain('Step 1/2: move api_vip');
    expect(pane()).toContain('type "lb1" and Enter');
    await wait(400);
    keys('-l', 'lb1');
    keys('Enter');
    await until('the LB move', () => pane().includes('DONE: move every VIP of lb1 to lb2'), 40_000);
    expect([pair.holders(api), pair.holders(ingress)]).toEqual([['lb2'], ['lb2']]);
    keys('R');
    await until('the LB way back preview', () => pane().includes('PREVIEW: the way back: every VIP moved off lb1'));
    await wait(400);
    keys('-l', 'lb1');
    keys('Enter');
    await until('the LB way back', () => pane().includes('DONE: the way back: every VIP moved off lb1'), 40_000);
    expect([pair.holders(api), pair.holders(ingress)]).toEqual([['lb1'], ['lb1']]);

    keys('Escape');
    await wait(300);
    keys('q');
    await until('lbtop to exit', () => pane().includes('LBTOP-EXITED-0'));
  }, 180_000);
});
