// File + flags → the one LbtopConfig the run uses. Flags win: `-s` replaces the file's LBs (an operator who
// names a socket wants that LB, not also the others and their timeouts), while clusters, interval, theme and
// read_only still come from the file unless a flag says otherwise. `-n` can only add read-only, never remove it.
import path from 'node:path';
import type { LbtopConfig } from '../model/config.js';
import { readConfigFile, readDefaultConfig, type ConfigFileLoad } from './file.js';
import { formatIssues, isError } from './format.js';
import { validateFlags } from './flags-validate.js';
import { formatPath } from './path-text.js';
import { schemaIssues } from './schema-issues.js';
import { DEFAULTS } from './schema.js';
import { parseSocketFlags } from './sockets.js';

export interface ConfigFlags {
  configPath?: string;
  sockets: readonly string[];
  interval?: number;
  readOnly?: boolean;
  theme?: string;
  /** `--inventory FILE`: an Ansible inventory whose hosts become ssh LBs; `--group` picks groups (default all). */
  inventory?: string;
  groups?: readonly string[];
  /** --accept-new: SSH host keys not yet known are recorded (a changed key is always refused). */
  acceptNew?: boolean;
}

export interface ResolveContext {
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  cwd: string;
}

export interface ResolveOptions {
  /** False for runs that bring their own LBs (demo): no LB needed, the default file is not read. */
  needsLbs: boolean;
}

/** Messages are ready to print, one per line; warnings come from the file and do not stop the run. */
export type ResolvedConfig = { ok: true; config: LbtopConfig; warnings: string[] } | { ok: false; errors: string[] };

export async function resolveConfig(
  flags: ConfigFlags,
  ctx: ResolveContext,
  opts: ResolveOptions,
): Promise<ResolvedConfig> {
  const { sockets, errors } = parseSocketFlags(flags.sockets, ctx.cwd);
  // Flag values go through the same schema as the file, so `-i 0.1` and `interval: 0.1` fail alike.
  const partial = {
    ...(flags.interval !== undefined ? { interval: flags.interval } : {}),
    ...(flags.theme !== undefined ? { theme: flags.theme } : {}),
    ...(sockets.length
      ? { lbs: Object.fromEntries(sockets.map((s) => [s.name, { haproxy: { socket: s.socket } }])) }
      : {}),
  };
  for (const issue of schemaIssues(validateFlags(partial), partial, () => ({ line: 0, column: 0 }))) {
    const i = sockets.findIndex((s) => `${issue.path}.`.startsWith(`${formatPath(['lbs', s.name])}.`));
    const flag = i >= 0 ? `-s ${flags.sockets[i]}` : issue.path === 'interval' ? '-i/--interval' : `--${issue.path}`;
    errors.push(`${flag}: ${issue.message}`);
  }
  if (errors.length) return { ok: false, errors: errors.map((e) => `error: ${e}`) };

  let file: (ConfigFileLoad & { file: string }) | undefined;
  if (flags.configPath !== undefined) {
    // Read relative to the caller's directory, shown as typed: the operator recognises what they wrote.
    file = { ...(await readConfigFile(path.resolve(ctx.cwd, flags.configPath))), file: flags.configPath };
  } else if (opts.needsLbs) {
    const found = await readDefaultConfig(ctx.env, ctx.home);
    if (found.missing && sockets.length === 0 && flags.inventory === undefined) {
      return {
        ok: false,
        errors: [
          `error: no config file (looked for ${found.tried.join(', ')}) and no -s socket`,
          `  create ${found.file}, or run: lbtop -s /run/haproxy/admin.sock`,
        ],
      };
    }
    if (!found.missing) file = found;
  }
  if (file && file.issues.some(isError)) return { ok: false, errors: formatIssues(file.issues, file.file) };

  const base: LbtopConfig = file?.config ?? {
    lbs: [],
    clusters: [],
    intervalSec: DEFAULTS.intervalSec,
    readOnly: DEFAULTS.readOnly,
    theme: DEFAULTS.theme,
  };
  const config: LbtopConfig = {
    ...base,
    lbs: sockets.length
      ? sockets.map((s) => ({ name: s.name, haproxy: { socket: s.socket, timeoutMs: DEFAULTS.timeoutMs } }))
      : base.lbs,
    intervalSec: flags.interval ?? base.intervalSec,
    theme: flags.theme ?? base.theme,
    readOnly: flags.readOnly === true || base.readOnly,
    ...(flags.acceptNew ? { sshAcceptNew: true } : {}),
  };
  if (flags.inventory !== undefined) {
    // The inventory importer (and the config file's YAML reader and validator, file.ts) load only when used.
    const { importInventory } = await import('./inventory-file.js');
    const imported = await importInventory(path.resolve(ctx.cwd, flags.inventory), flags.inventory, flags.groups ?? [], config);
    if (imported.errors.length) return { ok: false, errors: imported.errors.map((e) => `error: ${e}`) };
    config.lbs = imported.lbs;
  }
  if (opts.needsLbs && config.lbs.length === 0) {
    return { ok: false, errors: [`error: ${file?.file ?? 'the config'} has no lbs: and no -s socket was given`] };
  }
  return { ok: true, config, warnings: file ? formatIssues(file.issues, file.file) : [] };
}
