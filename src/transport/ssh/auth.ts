// Client authentication in OpenSSH's order: the agent first (no secret ever touches lbtop), then each IdentityFile
// that exists. An encrypted key asks the UI for its passphrase through a hook; the decrypted key is kept in memory
// for reconnects so the operator is asked once per run, never written anywhere and never logged.
import { existsSync, readFileSync } from 'node:fs';
import { ssh2 } from './ssh2-module.js';
import type { OpenSSHAgent } from 'ssh2';
import type { AnyAuthMethod, AuthHandlerMiddleware, IdentityCallback, ParsedKey } from 'ssh2';

/** Resolves with the passphrase, or null when the operator declines (the key is then skipped). `host` names who asks. */
export type AskPassphrase = (keyPath: string, host?: string) => Promise<string | null>;

/** Decrypted keys by path; null = the operator declined, do not ask again. */
export type KeyCache = Map<string, ParsedKey | null>;

export interface AuthSetup {
  user: string;
  /** Agent socket, or null for none. */
  agentSocket: string | null;
  identityFiles: string[];
  /** IdentitiesOnly: offer only the configured files' keys, from the agent too. */
  identitiesOnly: boolean;
  askPassphrase?: AskPassphrase;
  /** The connection's label ("ssh lb1"), shown with the prompt. */
  host?: string;
  keyCache: KeyCache;
  /** Told when a prompt starts and ends, so the connect timeout does not run while a human types. */
  onPrompt?: (waiting: boolean) => void;
}

const PASSPHRASE_ATTEMPTS = 3;

/** Returns ssh2's authHandler and the list of what was tried, for the "all methods failed" message. */
export function makeAuthHandler(setup: AuthSetup): { handler: AuthHandlerMiddleware; tried: string[] } {
  const tried: string[] = [];
  const steps: Array<() => Promise<AnyAuthMethod | null>> = [];
  if (setup.agentSocket) {
    const socket = setup.agentSocket;
    steps.push(async () => {
      tried.push('ssh-agent');
      const agent = setup.identitiesOnly ? filteredAgent(socket, publicKeysOf(setup.identityFiles)) : socket;
      return { type: 'agent', username: setup.user, agent };
    });
  }
  for (const file of setup.identityFiles) {
    steps.push(async () => {
      if (!existsSync(file)) return null;
      // A failing prompt hook (UI closed) skips the key like a declined prompt; it must not hang the handshake.
      const key = await loadKey(file, setup).catch(() => null);
      if (!key) return null;
      tried.push(file);
      return { type: 'publickey', username: setup.user, key };
    });
  }
  const handler: AuthHandlerMiddleware = (methodsLeft, _partial, next) => {
    void (async () => {
      // methodsLeft is null before the first attempt; afterwards, stop once the server takes no public keys.
      while (steps.length > 0 && (methodsLeft === null || methodsLeft.includes('publickey'))) {
        const method = await steps.shift()!();
        if (method) return next(method);
      }
      // ssh2 takes `false` as "no more methods"; its typings omit it.
      next(false as unknown as AnyAuthMethod);
    })();
  };
  return { handler, tried };
}

async function loadKey(file: string, setup: AuthSetup): Promise<ParsedKey | null> {
  if (setup.keyCache.has(file)) return setup.keyCache.get(file) ?? null;
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return null; // unreadable like a missing file: OpenSSH skips it too
  }
  let parsed = first(ssh2().utils.parseKey(data));
  if (parsed instanceof Error && /passphrase|encrypted/i.test(parsed.message) && setup.askPassphrase) {
    // The clock stops for the prompts and the key derivation (bcrypt rounds take a noticeable part of a second).
    setup.onPrompt?.(true);
    try {
      for (let attempt = 0; attempt < PASSPHRASE_ATTEMPTS && parsed instanceof Error; attempt++) {
        const passphrase = await setup.askPassphrase(file, setup.host);
        if (passphrase === null) break;
        parsed = first(ssh2().utils.parseKey(data, passphrase));
      }
    } finally {
      setup.onPrompt?.(false);
    }
  }
  const key = parsed instanceof Error ? null : parsed;
  setup.keyCache.set(file, key);
  return key;
}

function first(parsed: ParsedKey | ParsedKey[] | Error): ParsedKey | Error {
  return Array.isArray(parsed) ? (parsed[0] ?? new Error('no key in file')) : parsed;
}

function publicKeysOf(files: string[]): Set<string> {
  const keys = new Set<string>();
  for (const file of files) {
    try {
      const fields = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
      if (fields[1]) keys.add(fields[1]);
    } catch {
      // no .pub beside the key: the agent cannot be matched against it
    }
  }
  return keys;
}

/** The agent, but offering only the keys named by IdentityFile (IdentitiesOnly yes). */
function filteredAgent(socket: string, allowed: Set<string>): OpenSSHAgent {
  const agent = new (ssh2().OpenSSHAgent)(socket);
  const all = agent.getIdentities.bind(agent);
  agent.getIdentities = (cb: IdentityCallback<ParsedKey>) =>
    all((err, keys) => cb(err, keys?.filter((k) => allowed.has((k as ParsedKey).getPublicSSH().toString('base64')))));
  return agent;
}
