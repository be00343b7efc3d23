// `lbtop sessions [BACKEND[/SERVER]]`, `lbtop sessions kill BACKEND/SERVER [--id ID]` and `lbtop errors`.
// Registered by args.ts through SESSION_SUBCOMMANDS; run by src/commands/sessions-command.ts.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Invocation, ServerRef, Subcommand } from './args.js';

export type SessionInvocation =
  | { kind: 'sessions'; backend?: string; server?: string; lbs: string[]; json: boolean }
  | { kind: 'sessions-kill'; target: ServerRef; id?: string; lbs: string[]; dryRun: boolean; yes: boolean; json: boolean }
  | { kind: 'errors'; lbs: string[]; json: boolean };

type Done = (invocation: Invocation, lbRefs?: string[]) => void;
const NAME = /^[A-Za-z0-9._:-]+$/; // HAProxy's characters for proxy and server names
const collect = (value: string, previous: string[] = []) => [...previous, value];

function scope(value: string): { backend: string; server?: string } {
  const [backend = '', server, ...rest] = value.split('/');
  if (rest.length || !NAME.test(backend) || (server !== undefined && !NAME.test(server))) throw new InvalidArgumentError('expected BACKEND or BACKEND/SERVER');
  return server === undefined ? { backend } : { backend, server };
}

function serverRef(value: string): ServerRef {
  const s = scope(value);
  if (s.server === undefined) throw new InvalidArgumentError('expected BACKEND/SERVER, e.g. k8s_https_lb_backend/worker1');
  return { backend: s.backend, server: s.server };
}

function sessionId(value: string): string {
  // `show sess` prints a stream as its pointer; HAProxy reads the id with strtoul(…, 0), so 0x… is what it takes.
  if (!/^0x[0-9a-f]{1,16}$/i.test(value)) throw new InvalidArgumentError('expected a session id as lbtop sessions shows it, e.g. 0x55760997e6f0');
  return value.toLowerCase();
}

const sessions: Subcommand = {
  needsLbs: true,
  register(program: Command, done: Done) {
    const group = program
      .command('sessions')
      .description('the sessions (show sess) of a backend or server on every LB (or --lb ...), oldest first')
      .argument('[BACKEND[/SERVER]]', 'only this backend, or this server of it', scope)
      .option('--lb <name>', 'only on this LB (repeatable)', collect)
      .option('--json', 'machine-readable output')
      .action((target: { backend: string; server?: string } | undefined, o: { lb?: string[]; json?: boolean }) =>
        done({ kind: 'sessions', ...target, lbs: o.lb ?? [], json: o.json === true }, o.lb ?? []),
      );
    group
      .command('kill')
      .description('end one session (--id) or every session of a server (shutdown sessions server), with a preview')
      .argument('<BACKEND/SERVER>', 'the server whose sessions to end', serverRef)
      .option('--id <id>', 'only this session (its id from lbtop sessions)', sessionId)
      .option('--lb <name>', 'only on this LB (repeatable)', collect)
      .addOption(new Option('--dry-run', 'show the sessions and commands, send nothing').conflicts('yes'))
      .option('--yes', 'send without asking (scripts)')
      .option('--json', 'machine-readable result')
      .action((target: ServerRef, own: { id?: string; lb?: string[]; dryRun?: boolean; yes?: boolean; json?: boolean }, cmd: Command) => {
        // Commander hands `--lb` and `--json` typed after `kill` to `sessions`, which has them too (positional options
        // would need the whole CLI's global options before the subcommand): they are kill's all the same.
        const o = { ...cmd.parent?.opts<{ lb?: string[]; json?: boolean }>(), ...own };
        done(
          { kind: 'sessions-kill', target, ...(o.id !== undefined ? { id: o.id } : {}), lbs: o.lb ?? [], dryRun: o.dryRun === true, yes: o.yes === true, json: o.json === true },
          o.lb ?? [],
        );
      });
  },
};

const errors: Subcommand = {
  needsLbs: true,
  register: (program, done) =>
    program
      .command('errors')
      .description('the requests and responses each LB rejected (show errors), newest first, with the error position')
      .option('--lb <name>', 'only on this LB (repeatable)', collect)
      .option('--json', 'machine-readable output')
      .action((o: { lb?: string[]; json?: boolean }) => done({ kind: 'errors', lbs: o.lb ?? [], json: o.json === true }, o.lb ?? [])),
};

export const SESSION_SUBCOMMANDS: readonly Subcommand[] = [sessions, errors];

export function isSessionWrite(inv: Invocation): boolean {
  return inv.kind === 'sessions-kill' && !inv.dryRun;
}
