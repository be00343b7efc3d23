// Read-only mode, enforced where bytes leave lbtop: every runtime-API client, command runner and file access
// the composition root builds for a read-only run is wrapped here, so no key, prompt, dialog or subcommand —
// present or future — can reach HAProxy or a host with something that changes state. The actions refuse
// earlier with a plainer message (write-path.ts); this is the layer that holds even when they forget.
import { ReadOnlyError } from '../model/errors.js';
import type { RuntimeApi } from '../sources/haproxy/client.js';
import { isReadCommand } from '../sources/haproxy/read-commands.js';
import { mtimeArgv } from '../sources/keepalived/commands.js';
import type { CommandRunner } from '../transport/exec.js';
import type { HostFiles } from '../transport/host-files.js';
import { READ } from '../transport/read-script.js';

export function readOnlyRuntime(api: RuntimeApi): RuntimeApi {
  const refuse = (line: string) => Promise.reject(new ReadOnlyError(`"${line.trim().slice(0, 120)}"`));
  const gated: RuntimeApi = {
    get label() {
      return api.label;
    },
    readOnly: true,
    send: (line, timeoutMs) => (isReadCommand(line) ? api.send(line, timeoutMs) : refuse(line)),
    get keepable() {
      return api.keepable;
    },
    close: () => api.close(),
  };
  if (api.sendAll) {
    gated.sendAll = (lines, timeoutMs) => {
      const write = lines.find((line) => !isReadCommand(line));
      return write === undefined ? api.sendAll!(lines, timeoutMs) : refuse(write);
    };
  }
  if (api.sendBytes) gated.sendBytes = (line, timeoutMs) => (isReadCommand(line) ? api.sendBytes!(line, timeoutMs) : refuse(line));
  if (api.session) gated.session = () => readOnlyRuntime(api.session!());
  return gated;
}

/** Dump signals keepalived answers by writing its state files (SIGUSR1 data, SIGUSR2 stats, real-time JSON). */
const DUMP_SIGNALS = (n: number) => n === 10 || n === 12 || (n >= 32 && n <= 64);
const READ_SCRIPTS = new Set([READ, mtimeArgv('')[2]]);

/**
 * The host commands lbtop's sources run to read (see src/sources/*): an allowlist, so a write step (systemctl,
 * hb_takeover, a file replace, `birdc disable`, `kill -TERM`) is refused whatever asks for it.
 */
export function isReadHostCommand(argv: readonly string[]): boolean {
  let words = [...argv];
  if (words[0] === 'sudo') words = words.slice(words[1] === '-n' ? (words[2] === '--' ? 3 : 2) : 1);
  const [file = '', ...args] = words;
  const name = file.slice(file.lastIndexOf('/') + 1);
  switch (name) {
    case 'cat':
    case 'cl_status':
      return true;
    case 'ip':
      return args[0] === '-j' && /^addr(ess)?$/.test(args[1] ?? '') && args.length <= 3 && (args[2] === undefined || args[2] === 'show');
    case 'birdc':
    case 'birdc6':
      // -r: BIRD's restricted mode refuses everything but show commands itself.
      return args.includes('-r');
    case 'keepalived':
      return args.length === 1 && /^--signum=[A-Z]+$/.test(args[0]!);
    case 'kill':
      return args.length === 3 && args[0] === '-s' && /^\d+$/.test(args[1]!) && DUMP_SIGNALS(Number(args[1])) && /^\d+$/.test(args[2]!);
    case 'sh':
      return args[0] === '-c' && READ_SCRIPTS.has(args[1] ?? '');
    default:
      return false;
  }
}

export function readOnlyRunner(runner: CommandRunner): CommandRunner {
  return {
    get label() {
      return runner.label;
    },
    readOnly: true,
    run: (argv, options) => (isReadHostCommand(argv) ? runner.run(argv, options) : Promise.reject(new ReadOnlyError(`\`${argv.join(' ').slice(0, 120)}\``))),
  };
}

export function readOnlyFiles(files: HostFiles): HostFiles {
  return {
    get label() {
      return files.label;
    },
    readOnly: true,
    read: (file) => files.read(file),
    replace: (file) => Promise.reject(new ReadOnlyError(`a new ${file}`)),
  };
}

/**
 * Read-only, for the operator's own commands: a command declared `dangerous: false` in lbtop.yaml is the operator's
 * word that it only reads (`kubectl describe node $NODE`), so its exact shape may run; anything else is refused
 * as by readOnlyRunner (the built-in read allowlist still holds).
 */
export function declaredReadRunner(runner: CommandRunner, declared: (argv: readonly string[]) => boolean): CommandRunner {
  return {
    get label() {
      return runner.label;
    },
    readOnly: true,
    run: (argv, options) =>
      isReadHostCommand(argv) || declared(argv) ? runner.run(argv, options) : Promise.reject(new ReadOnlyError(`\`${argv.join(' ').slice(0, 120)}\``)),
  };
}
