// `lbtop -s SOCK` reaches its first screen without loading what that screen does not need (issue 13): the
// subcommands, ssh2 and the SSH transport, the failover and map editor code, Ajv and the config file's validator.
// The bin is run in a real terminal against a real HAProxy with a loader hook that logs every module it loads
// (ES chunks through a module hook, CommonJS through Module._load); the bundle's metafile says which sources each
// chunk holds. The subcommands are still in the bundle: `status` loads them (test/e2e/bundle-cli.test.ts runs more).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateConfig } from '../support/lab/generate-config.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { BIN, ensureFreshBuild, ROOT } from './fresh-build.js';
import { tmuxTerminal } from './tmux.js';

/** Sources (as the metafile names them, under dist/ or node_modules/) that the first screen must not load. */
const LAZY = [
  // the subcommands (the TUI's node drain shares src/runtime/node-service.ts with `lbtop node`, not their code)
  /^dist\/subcommands\//,
  /^dist\/cli\/subcommands\.js$/,
  /^dist\/runtime\/demo\.js$/,
  /^dist\/transport\/ssh\//,
  // the trace engine (haproxy.cfg, maps, regexes) and the map editor's runtime; explain.ts only words a trace
  /^dist\/trace\/(?!explain\.js)/,
  /^dist\/actions\/(trace-read|maps\/apply|maps\/plan|drift-read)\.js$/,
  /^dist\/runtime\/(maps|failover)-/,
  // the failover runtime: keepalived, heartbeat and BIRD readers and the moves
  /^dist\/sources\/(keepalived|heartbeat|bird)\/(collect|poll)/,
  /^dist\/actions\/failover\/(apply|vip-move|lb-batch|bgp)\.js$/,
  // the config file's reader and the whole schema's validator (no file here)
  /^dist\/config\/(schema-precompiled|schema-validate|load|yaml-doc|semantic)\.js$/,
  /node_modules\/(ajv|ssh2|execa|yaml|re2js)\//,
];

// Preloaded with --require: logs CommonJS loads, and registers a module hook that logs ES module loads.
const HOOK_CJS = `const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const { pathToFileURL } = require('node:url');
const log = process.env.LBTOP_LOAD_LOG;
const load = Module._load;
Module._load = function (request, ...rest) { appendFileSync(log, 'cjs ' + request + '\\n'); return load.call(this, request, ...rest); };
Module.register(pathToFileURL(require('node:path').join(__dirname, 'hooks.mjs')));
const write = process.stdout.write;
process.stdout.write = function (chunk, ...rest) { appendFileSync(log, 'write ' + (String(chunk).includes('srv00001') ? 'server-row' : 'other') + '\\n'); return write.call(this, chunk, ...rest); };
`;
const HOOKS_MJS = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.LBTOP_LOAD_LOG, 'esm ' + url + '\\n');
  return next(url, context);
}
`;

interface Meta {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

/** The sources in the chunks the log shows loaded, and the CommonJS requests, as the metafile/require named them. */
function loadedSources(logFile: string, meta: Meta): { sources: string[]; requires: string[] } {
  const lines = readFileSync(logFile, 'utf8').split('\n');
  const chunks = lines.filter((l) => l.startsWith('esm file:')).map((l) => path.relative(ROOT, fileURLToPath(l.slice(4))));
  const sources = chunks.flatMap((chunk) => Object.keys(meta.outputs[chunk]?.inputs ?? {}));
  const requires = lines.filter((l) => l.startsWith('cjs ')).map((l) => l.slice(4));
  return { sources: sources.map((s) => s.replace(/^.*node_modules\//, 'node_modules/')), requires };
}

describe('start-up', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  let meta: Meta;
  const term = tmuxTerminal(`lbtop-startup-${process.pid}`, 'st');

  beforeAll(async () => {
    ensureFreshBuild();
    meta = JSON.parse(readFileSync(path.join(ROOT, 'dist/lbtop.meta.json'), 'utf8')) as Meta;
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-startup-'));
    writeFileSync(path.join(dir, 'hook.cjs'), HOOK_CJS);
    writeFileSync(path.join(dir, 'hooks.mjs'), HOOKS_MJS);
    haproxy = await startHaproxy({ name: 'lb', dir, config: generateConfig({ servers: 100, backends: 4, checks: false }) });
  }, 120_000);
  afterAll(async () => {
    term.kill();
    await haproxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws the first screen of `lbtop -s SOCK` without loading the lazy parts', async () => {
    const log = path.join(dir, 'tui.log');
    writeFileSync(log, '');
    const command = ['env -u CI', `LBTOP_LOAD_LOG=${log}`, `XDG_CONFIG_HOME=${dir}/none`, `XDG_STATE_HOME=${dir}/state`, process.execPath, '--require', path.join(dir, 'hook.cjs'), BIN, '-s', haproxy.socket, '-i', '1'].join(' ');
    term.tmux('new-session', '-d', '-s', 'st', '-x', '160', '-y', '40', command);
    await term.until('a server row', () => term.pane().includes('srv00001'));
    // The first frame is drawn before the UI's chunk loads (src/ui/first-frame/): wait for that too.
    await term.until('the UI loaded', () => loadedSources(log, meta).sources.includes('dist/ui/run.js'));
    const { sources, requires } = loadedSources(log, meta);
    // The hook works: the entry chunk, the UI's chunk and the poller's parser were seen.
    expect(sources).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/ui/run.js', 'dist/sources/haproxy/parse-stat.js']));
    expect(sources.filter((s) => LAZY.some((re) => re.test(s)))).toEqual([]);
    expect(requires.filter((r) => /ssh2|cpu-features/.test(r))).toEqual([]);
  });

  it('writes the first server row to the terminal before Ink, React and string-width are loaded', async () => {
    const log = path.join(dir, 'first-frame.log');
    writeFileSync(log, '');
    const command = ['env -u CI', `LBTOP_LOAD_LOG=${log}`, `XDG_CONFIG_HOME=${dir}/none`, `XDG_STATE_HOME=${dir}/state`, process.execPath, '--require', path.join(dir, 'hook.cjs'), BIN, '-s', haproxy.socket, '-i', '1'].join(' ');
    term.tmux('new-session', '-d', '-s', 'ff', '-x', '160', '-y', '40', command);
    await term.until('the UI loaded', () => loadedSources(log, meta).sources.includes('dist/ui/run.js'));
    // The log holds module loads and terminal writes in the order they happened.
    const lines = readFileSync(log, 'utf8').split('\n');
    const firstRow = lines.indexOf('write server-row');
    const firstLoadOf = (module: RegExp) => lines.findIndex((line) => {
      if (!line.startsWith('esm file:')) return false;
      const inputs = Object.keys(meta.outputs[path.relative(ROOT, fileURLToPath(line.slice(4)))]?.inputs ?? {});
      return inputs.some((s) => module.test(s));
    });
    const firstInk = firstLoadOf(/node_modules\/(ink|react|react-reconciler)\//);
    // Nor string-width (~25 ms to load): the first frame's text is measured without it (src/ui/text-width.ts).
    const firstStringWidth = firstLoadOf(/node_modules\/string-width\//);
    expect(firstRow).toBeGreaterThan(-1);
    expect(firstInk).toBeGreaterThan(-1);
    expect(firstRow).toBeLessThan(firstInk);
    expect(firstStringWidth).toBeGreaterThan(firstRow);
    term.tmux('kill-session', '-t', 'ff');
  });

  it('loads a subcommand from its chunk when asked for it', () => {
    const log = path.join(dir, 'status.log');
    writeFileSync(log, '');
    const out = execFileSync(process.execPath, ['--require', path.join(dir, 'hook.cjs'), BIN, 'status', '-s', `lb1=${haproxy.socket}`], {
      env: { ...process.env, LBTOP_LOAD_LOG: log, XDG_CONFIG_HOME: `${dir}/none` },
      encoding: 'utf8',
    });
    expect(out).toMatch(/lb1 .* ok /);
    const { sources } = loadedSources(log, meta);
    expect(sources).toEqual(expect.arrayContaining(['dist/cli/subcommands.js', 'dist/subcommands/status-text.js']));
    // Not the TUI.
    expect(sources.filter((s) => s.startsWith('dist/ui/'))).toEqual([]);
  });
});
