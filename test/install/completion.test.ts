// `lbtop completion bash|zsh|fish` against the real bin, a real HAProxy holding a map and an ACL file, and a
// config in the default place listing LBs and clusters: bash runs the script's completion function for typed
// command lines (COMP_WORDS, as bash's own completion sets it); fish completes with `complete -C`; zsh loads the
// script under compinit and registers it. The names come from `lbtop __complete`, which must write nothing.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/args.js';
import { allCommands, commandTree } from '../../src/cli/command-tree.js';
import { LAB_HEAD, startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { BIN, ensureFreshBuild, ROOT } from '../e2e/fresh-build.js';

const TREE = commandTree(buildProgram('0', () => {}));

describe('shell completion', () => {
  let dir: string;
  let home: string;
  let haproxy: HaproxyProcess;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    ensureFreshBuild();
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-completion-'));
    writeFileSync(path.join(dir, 'hosts.map'), 'app.example.com be\n');
    writeFileSync(path.join(dir, 'blocked.acl'), '10.9.9.9\n');
    haproxy = await startHaproxy({
      name: 'lb',
      dir,
      config: `${LAB_HEAD}frontend web\n  bind unix@@DIR@/web.sock\n  acl blocked src -f ${dir}/blocked.acl\n  http-request deny if blocked\n  use_backend %[req.hdr(host),lower,map_dom(${dir}/hosts.map,be)]\nbackend be\n  server s1 127.0.0.1:9 disabled\n`,
    });
    // A home of its own: the default config file is read from it, and nothing may appear in it.
    home = path.join(dir, 'home');
    mkdirSync(path.join(home, '.config/lbtop'), { recursive: true });
    writeFileSync(
      path.join(home, '.config/lbtop/config.yaml'),
      `lbs:\n  lb-a:\n    haproxy: { socket: ${haproxy.socket} }\n  lb-b:\n    haproxy: { socket: ${dir}/not-running.sock }\n  lb-c:\n    ssh: { host: 192.0.2.1 }\n    haproxy: { socket: /run/haproxy/admin.sock }\nclusters:\n  k8s-prod:\n    backends: [be]\n  k8s-dev:\n    backends: [/dev/]\n`,
    );
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(BIN, path.join(bin, 'lbtop'));
    env = { PATH: `${bin}:${process.env.PATH}`, HOME: home, XDG_CONFIG_HOME: '', XDG_STATE_HOME: '', XDG_CACHE_HOME: '', LANG: 'C.UTF-8' };
    delete env.XDG_CONFIG_HOME;
    delete env.XDG_STATE_HOME;
    delete env.XDG_CACHE_HOME;
  }, 60_000);
  afterAll(async () => {
    await haproxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What bash offers for each command line (the last word is the one being completed). */
  function bash(...lines: string[][]): string[][] {
    const calls = lines.map((words) => `c ${words.map((w) => `'${w}'`).join(' ')}`).join('\n');
    const script = `eval "$(lbtop completion bash)"\nc() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _lbtop lbtop; echo "\${COMPREPLY[*]}"; }\n${calls}\n`;
    return execFileSync('bash', ['--norc', '-c', script], { env, encoding: 'utf8' }).split('\n').slice(0, lines.length).map((l) => l.split(' ').filter(Boolean).sort());
  }

  it('bash offers every subcommand, every option of a command, and fixed choices', () => {
    const [root, server, drainOpts, method, help] = bash(['lbtop', ''], ['lbtop', 'server', ''], ['lbtop', 'server', 'drain', '--'], ['lbtop', 'vip', 'move', '--method', 'p'], ['lbtop', 'help', 'se']);
    expect(root).toEqual(TREE.subcommands.map((c) => c.path[0]).sort());
    expect(root).not.toContain('__complete');
    expect(server).toEqual(['drain', 'maint', 'ready', 'weight']);
    const drain = allCommands(TREE).find((c) => c.path.join(' ') === 'server drain')!;
    for (const name of drain.options.flatMap((o) => o.names).filter((n) => n.startsWith('--'))) expect(drainOpts).toContain(name);
    expect(drainOpts).toContain('--config'); // lbtop's own options parse after a subcommand too
    expect(method).toEqual(['priority']);
    expect(help).toEqual(['server', 'sessions']);
  });

  it('bash completes LB and cluster names from the config, and map and ACL files from the running HAProxy', () => {
    const [lbs, to, clusters, maps, acls, host] = bash(
      ['lbtop', 'server', 'drain', '--lb', ''],
      ['lbtop', 'vip', 'move', '10.0.0.1', '--to', 'lb-'],
      ['lbtop', 'node', 'drain', '--cluster', ''],
      ['lbtop', 'map', 'show', ''],
      ['lbtop', 'acl', 'del', '--lb', 'lb-a', ''],
      ['lbtop', 'bgp', 'disable', 'lb-c'],
    );
    expect(lbs).toEqual(['lb-a', 'lb-b', 'lb-c']);
    expect(to).toEqual(['lb-a', 'lb-b', 'lb-c']);
    expect(clusters).toEqual(['k8s-dev', 'k8s-prod']);
    expect(maps).toEqual([path.join(dir, 'hosts.map')]);
    expect(acls).toEqual([path.join(dir, 'blocked.acl')]);
    expect(host).toEqual(['lb-c']);
  });

  it('bash completes lbtop undo with the ids of the audit log\'s actions, newest first', () => {
    const state = path.join(home, '.local/state/lbtop');
    mkdirSync(state, { recursive: true });
    copyFileSync(path.join(ROOT, 'fixtures/lbtop/audit.jsonl'), path.join(state, 'audit.jsonl'));
    try {
      expect(execFileSync(BIN, ['__complete', 'actions'], { env, encoding: 'utf8' }).split('\n')[0]).toBe('plan-mxdcxwlj-0');
      const [all, undos] = bash(['lbtop', 'undo', ''], ['lbtop', 'undo', 'undo-']);
      expect(all).toHaveLength(8);
      expect(undos).toEqual(['undo-mxdcxnhl-0', 'undo-mxdcxpty-0', 'undo-mxdcxrkm-0']);
    } finally {
      rmSync(path.join(home, '.local'), { recursive: true, force: true });
    }
  });

  it('bash passes -c on to __complete, and completes paths where a file is expected', () => {
    const other = path.join(dir, 'other.yaml');
    writeFileSync(other, `lbs:\n  elsewhere:\n    haproxy: { socket: ${dir}/x.sock }\n`);
    const [lbs, lbsEq, file] = bash(['lbtop', '-c', other, 'drift', '--lb', ''], ['lbtop', '--config', '=', other, 'drift', '--lb', ''], ['lbtop', 'snapshot', '--out', path.join(dir, 'hos')]);
    expect(lbs).toEqual(['elsewhere']);
    expect(lbsEq).toEqual(['elsewhere']);
    expect(file).toEqual([path.join(dir, 'hosts.map')]);
  });

  it('__complete reads the config and writes nothing, even with an unreachable and an SSH LB', () => {
    const before = readdirSync(dir, { recursive: true }).sort();
    const out = execFileSync(BIN, ['__complete', 'maps'], { env, encoding: 'utf8' });
    expect(out).toBe(`${path.join(dir, 'hosts.map')}\n`);
    expect(readdirSync(dir, { recursive: true }).sort()).toEqual(before);
    expect(execFileSync(BIN, ['--help'], { env, encoding: 'utf8' })).not.toContain('__complete');
  });

  it('fish completes from the script (complete -C)', () => {
    const fish = (line: string) =>
      execFileSync('fish', ['--no-config', '-c', `lbtop completion fish | source; complete -C '${line}'`], { env, encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    expect(fish('lbtop ser')).toEqual(['server']);
    expect(fish('lbtop server drain --lb ')).toEqual(['lb-a', 'lb-b', 'lb-c']);
    expect(fish('lbtop node drain --cluster=k8s-p')).toEqual(['--cluster=k8s-prod']);
    expect(fish('lbtop map show ')).toEqual([path.join(dir, 'hosts.map')]);
    expect(fish('lbtop completion ')).toEqual(['bash', 'fish', 'zsh']);
  });

  it('zsh loads the script under compinit and registers it for lbtop', () => {
    const out = execFileSync('zsh', ['-f', '-c', 'autoload -U compinit; compinit -u -D; source <(lbtop completion zsh); print -r -- $_comps[lbtop] ${_lbtop_subs[lbtop server]}'], { env, encoding: 'utf8' });
    expect(out.trim()).toBe('_lbtop ready drain maint weight');
  });
});
