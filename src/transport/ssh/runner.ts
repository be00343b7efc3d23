// Commands on a remote host (`ip -j addr`, `birdc show protocols`) as exec channels on the host's shared SSH
// connection: the same CommandRunner contract as a local command, so sources never know where they run.
import { CommandTimeoutError, TransportError } from '../../model/errors.js';
import { DEFAULT_COMMAND_TIMEOUT_MS, type CommandRunner, type CommandResult } from '../exec.js';
import type { SshPool, SshTargetOverrides } from './pool.js';
import { shellJoin } from '../shell-quote.js';

// A runaway command must not eat lbtop's memory; real outputs (ip -j route on a big node) stay far below.
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

export function sshRunner(pool: SshPool, alias: string, target?: SshTargetOverrides): CommandRunner {
  const label = `ssh ${alias}`;
  return {
    label,
    async run(argv, options = {}) {
      if (argv.length === 0) throw new TransportError(`${label}: empty command`);
      const timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
      const connection = await pool.connection(alias, target);
      // A host's first handshake has its own deadline (SshConnection.connected): the command's clock starts after.
      await connection.connected(timeoutMs);
      const deadline = Date.now() + timeoutMs;
      const channel = await connection.exec(shellJoin(argv), timeoutMs);
      const name = argv[0];
      return new Promise<CommandResult>((resolve, reject) => {
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let size = 0;
        let failure: TransportError | null = null;
        let settled = false;
        // Gives up at once: sshd only confirms the close once the remote process is gone, which may be never.
        const give = (error: TransportError) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          channel.signal('KILL');
          channel.close();
          reject(error);
        };
        const timer = setTimeout(
          () => give(new CommandTimeoutError(`${label}: \`${name}\` did not finish within ${timeoutMs} ms`)),
          Math.max(1, deadline - Date.now()),
        );
        const collect = (into: Buffer[]) => (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_OUTPUT_BYTES) give(new TransportError(`${label}: \`${name}\` wrote more than ${MAX_OUTPUT_BYTES} bytes`));
          else into.push(chunk);
        };
        channel.on('data', collect(out));
        channel.stderr.on('data', collect(err));
        channel.on('error', (error: Error) => {
          failure ??= error instanceof TransportError ? error : new TransportError(`${label}: ${error.message}`);
        });
        // The exit status is read from 'close' (ssh2 repeats it there): an 'exit' event can fire in the same tick
        // as the exec reply, before anyone awaiting the channel could listen for it.
        channel.on('close', (code?: number | null, signal?: string) => {
          clearTimeout(timer);
          if (settled) return;
          settled = true;
          if (failure) return reject(failure);
          // No exit status means the session ended under the command: the link or sshd went away.
          if (code === undefined) return reject(new TransportError(`${label}: connection lost while running \`${name}\``));
          const stdout = Buffer.concat(out).toString('utf8');
          resolve({ stdout, stderr: Buffer.concat(err).toString('utf8'), code, signal: code === null ? (signal ?? null) : null });
        });
        // Commands get EOF on stdin at once: nothing may wait for input that never comes.
        channel.end(options.input ?? '');
      });
    },
  };
}
