// One SSH handshake: TCP (or a ProxyJump tunnel), strict host-key check, auth, keepalives. Resolves with a ready
// ssh2 Client or rejects with a TransportError that says what to do; connection.ts owns what happens after.
import type { Duplex } from 'node:stream';
import { ssh2 } from './ssh2-module.js';
import type { Client } from 'ssh2';
import { TransportError } from '../../model/errors.js';
import { makeAuthHandler } from './auth.js';
import type { SshConnectionOptions } from './connection.js';
import { describeError, PausableTimer } from './errors.js';
import { hostKeyError, knownHostsName, lookupKnownHosts, preferredHostKeyAlgorithms, verifyHostKey } from './known-hosts.js';

export interface SessionHooks {
  /** Opens the byte stream through the jump host; absent = direct TCP. */
  tunnel?: () => Promise<Duplex>;
  /** A ready session reported a problem (keepalive timeout, reset); its close follows. */
  onTrouble(reason: string): void;
  /** A ready session closed. */
  onClose(): void;
}

export async function openSession(label: string, options: SshConnectionOptions, hooks: SessionHooks): Promise<Client> {
  const { config, knownHosts, timeouts } = options;
  const keyName = knownHostsName(config.hostname, config.port, config.hostKeyAlias);
  const known = await lookupKnownHosts(keyName, [...knownHosts.userFiles, ...knownHosts.globalFiles], knownHosts);
  const sock = hooks.tunnel ? await hooks.tunnel() : undefined;
  const client = new (ssh2().Client)();
  return new Promise((resolve, reject) => {
    // The host-key verdict, kept because ssh2 only reports "verification failed" with no reason.
    let refusal: TransportError | null = null;
    let settled = false;
    // Only a session that became ready reports trouble and close; a failed one has already rejected.
    let ready = false;
    const fail = (error: TransportError) => {
      if (settled) return;
      settled = true;
      timer.stop();
      client.destroy();
      sock?.destroy();
      reject(error);
    };
    // Ours rather than ssh2's readyTimeout: it stops while a passphrase prompt waits for a human.
    const timer = new PausableTimer(timeouts.readyMs, () =>
      fail(
        new TransportError(
          `${label}: no SSH session with ${config.hostname}:${config.port} within ${timeouts.readyMs} ms`,
          'check that the host is up and reachable from here (network, firewall, ProxyJump)',
        ),
      ),
    );
    const auth = makeAuthHandler({
      user: config.user,
      agentSocket: options.agentSocket,
      identityFiles: config.identityFiles,
      identitiesOnly: config.identitiesOnly,
      askPassphrase: options.askPassphrase,
      host: label,
      keyCache: options.keyCache,
      onPrompt: (waiting) => (waiting ? timer.pause() : timer.resume()),
    });
    client.on('ready', () => {
      settled = true;
      ready = true;
      timer.stop();
      resolve(client);
    });
    client.on('error', (error: Error & { level?: string; code?: string }) => {
      if (!settled) fail(refusal ?? describeError(label, config, error, auth.tried));
      else if (ready) hooks.onTrouble(error.message === 'Keepalive timeout' ? 'no answer to keepalives' : error.message);
    });
    client.on('close', () => {
      if (!settled) fail(refusal ?? new TransportError(`${label}: connection closed during the SSH handshake`));
      else if (ready) hooks.onClose();
    });
    client.connect({
      host: config.hostname,
      port: config.port,
      sock,
      username: config.user,
      readyTimeout: 0,
      keepaliveInterval: timeouts.keepaliveIntervalMs,
      keepaliveCountMax: timeouts.keepaliveCountMax,
      // ssh2's typings want its own literal union; these names all come from its supported list.
      algorithms: { serverHostKey: preferredHostKeyAlgorithms(known.filter((e) => !e.revoked).map((e) => e.keyType)) as never },
      authHandler: auth.handler,
      hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
        verifyHostKey(keyName, key, knownHosts, known).then(
          (verdict) => {
            const ok = verdict.kind === 'known' || verdict.kind === 'accepted';
            if (!ok) refusal = hostKeyError(config.alias, keyName, key, verdict, knownHosts);
            verify(ok);
          },
          (error: unknown) => {
            refusal = error instanceof TransportError ? error : new TransportError(`${label}: ${String(error)}`);
            verify(false);
          },
        );
      },
    });
  });
}
