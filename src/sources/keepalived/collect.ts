// Reads a running keepalived on one host through a CommandRunner (local or SSH): the pid from its pid file, the
// signal number from the same host's `keepalived --signum=…` (build-dependent, never assumed), the signal, then the
// dump file once keepalived has rewritten it; and keepalived.conf for what the dump lacks. Every text is redacted
// (redact.ts) before it is parsed or kept. The data dump is preferred; JSON is the fallback.
import { ParseError } from '../../model/errors.js';
import type { KeepalivedTarget } from '../../model/failover-config.js';
import type { KeepalivedReading } from '../../model/failover-state.js';
import type { KeepalivedRuntime } from '../../model/failover.js';
import type { CommandRunner } from '../../transport/exec.js';
import { runOk } from '../runner-check.js';
import { mtimeArgv, parseSignum, signalArgv, signumArgv, type KeepalivedDump } from './commands.js';
import { parseKeepalivedConf } from './conf.js';
import { parseKeepalivedData } from './data.js';
import { parseKeepalivedJson } from './json.js';
import { redactKeepalived } from './redact.js';

export interface CollectOptions {
  /** Waits between two looks at the dump file's mtime. */
  sleep?: (ms: number) => Promise<void>;
  /** How long keepalived gets to write the dump. */
  dumpTimeoutMs?: number;
}

const FILE = { DATA: 'keepalived.data', JSON: 'keepalived.json' } as const;
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const dumpPath = (target: KeepalivedTarget, dump: KeepalivedDump) => `${target.dumpDir.replace(/\/$/, '')}/${FILE[dump]}`;
export { mtimeArgv };

export async function readKeepalivedPid(runner: CommandRunner, target: KeepalivedTarget): Promise<number> {
  const text = await runOk(runner, ['cat', target.pidFile], { hint: 'is keepalived running? (keepalived.pid_file in lbtop.yaml)' });
  const pid = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || pid < 2) throw new ParseError(`${target.pidFile}: "${text.trim().slice(0, 40)}" is not a pid`, 1);
  return pid;
}

async function dumpOnce(runner: CommandRunner, target: KeepalivedTarget, pid: number, dump: KeepalivedDump, options: CollectOptions): Promise<string> {
  const signum = parseSignum(await runOk(runner, signumArgv(dump), { hint: dump === 'JSON' ? 'this keepalived has no JSON support' : undefined }));
  const file = dumpPath(target, dump);
  const before = (await runOk(runner, mtimeArgv(file))).trim();
  await runOk(runner, signalArgv(signum, pid));
  const sleep = options.sleep ?? defaultSleep;
  const deadline = Date.now() + (options.dumpTimeoutMs ?? 3000);
  for (;;) {
    await sleep(50);
    const now = (await runOk(runner, mtimeArgv(file))).trim();
    if (now !== 'absent' && now !== before) break;
    if (Date.now() > deadline) {
      throw new ParseError(`keepalived (pid ${pid}) did not rewrite ${file} after signal ${signum} (a private /tmp? set keepalived.dump_dir)`, 1);
    }
  }
  return redactKeepalived(await runOk(runner, ['cat', file]));
}

/** The dump file may be read while keepalived is still writing it: the parser says so, and one more read is made. */
async function readRuntime(runner: CommandRunner, target: KeepalivedTarget, pid: number, dump: KeepalivedDump, options: CollectOptions): Promise<KeepalivedRuntime> {
  const parse = dump === 'DATA' ? parseKeepalivedData : parseKeepalivedJson;
  const text = await dumpOnce(runner, target, pid, dump, options);
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    await (options.sleep ?? defaultSleep)(100);
    return parse(redactKeepalived(await runOk(runner, ['cat', dumpPath(target, dump)])));
  }
}

export async function collectKeepalived(runner: CommandRunner, target: KeepalivedTarget, options: CollectOptions = {}): Promise<KeepalivedReading> {
  const pid = await readKeepalivedPid(runner, target);
  let dump: KeepalivedDump = 'DATA';
  let runtime: KeepalivedRuntime;
  try {
    runtime = await readRuntime(runner, target, pid, 'DATA', options);
  } catch (dataError) {
    dump = 'JSON';
    try {
      runtime = await readRuntime(runner, target, pid, 'JSON', options);
    } catch {
      throw dataError;
    }
  }
  let config = null;
  let confError: string | null = null;
  let confText: string | null = null;
  try {
    confText = redactKeepalived(await runOk(runner, ['cat', target.conf]));
    config = parseKeepalivedConf(confText);
  } catch (error) {
    confError = error instanceof Error ? error.message : String(error);
  }
  return { pid, dump, runtime, config, confError, confText };
}
