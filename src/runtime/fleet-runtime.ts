// Composition of the running fleet: one runtime-API client and one poller per LB feeding one store.
// Shared by the TUI, the subcommands and the tests, so they all exercise the same wiring.
import type { LbConfig, LbtopConfig } from '../model/config.js';
import { HaproxyClient, type RuntimeApi } from '../sources/haproxy/client.js';
import { readSnapshot } from '../sources/haproxy/read-snapshot.js';
import { FleetStore } from '../store/fleet-store.js';
import { Poller } from '../store/poller.js';
import { tcpSocket, unixSocket } from '../transport/local.js';
import type { StreamConnector } from '../transport/types.js';

export interface FleetRuntime {
  store: FleetStore;
  clients: Map<string, RuntimeApi>;
  start(): void;
  /** Polls every LB now (concurrently) and resolves when all have answered or failed. */
  refresh(lbs?: string[]): Promise<void>;
  stop(): void;
}

export type ConnectorFactory = (lb: LbConfig) => StreamConnector;

export const localConnector: ConnectorFactory = (lb) => {
  if (lb.haproxy.socket) return unixSocket(lb.haproxy.socket);
  if (lb.haproxy.tcp) return tcpSocket(lb.haproxy.tcp);
  throw new Error(`${lb.name}: no socket or tcp address`);
};

export interface FleetRuntimeOptions {
  connectorFor?: ConnectorFactory;
  /** Replaces the runtime-API client per LB (the fixture replay of the demo uses this). */
  clientFor?: (lb: LbConfig) => RuntimeApi;
}

export function createFleetRuntime(config: LbtopConfig, options: FleetRuntimeOptions = {}): FleetRuntime {
  const connectorFor = options.connectorFor ?? localConnector;
  const clients = new Map<string, RuntimeApi>();
  for (const lb of config.lbs) {
    clients.set(lb.name, options.clientFor?.(lb) ?? new HaproxyClient(connectorFor(lb), { timeoutMs: lb.haproxy.timeoutMs }));
  }
  const store = new FleetStore(config.lbs.map((lb) => ({ name: lb.name, endpoint: clients.get(lb.name)!.label })));
  // Polls go through their own client so a long `show stat` never queues behind an operator's command.
  const pollClients = new Map<string, RuntimeApi>();
  for (const lb of config.lbs) {
    pollClients.set(lb.name, options.clientFor?.(lb) ?? new HaproxyClient(connectorFor(lb), { timeoutMs: lb.haproxy.timeoutMs }));
  }
  const pollers = new Map<string, Poller<Awaited<ReturnType<typeof readSnapshot>>>>();
  for (const lb of config.lbs) {
    pollers.set(
      lb.name,
      new Poller({
        intervalMs: config.intervalSec * 1000,
        read: () => readSnapshot(pollClients.get(lb.name)!),
        onSuccess: (snapshot) => store.recordSuccess(lb.name, snapshot),
        onFailure: (error) => store.recordFailure(lb.name, error),
      }),
    );
  }
  return {
    store,
    clients,
    start: () => pollers.forEach((p) => p.start()),
    refresh: async (lbs) => {
      const names = lbs ?? [...pollers.keys()];
      await Promise.all(names.map((name) => pollers.get(name)?.pollNow()));
    },
    stop: () => {
      pollers.forEach((p) => p.stop());
      clients.forEach((c) => c.close());
      pollClients.forEach((c) => c.close());
    },
  };
}
