// Everything the UI needs from the rest of lbtop, injected by the composition root (src/cli.ts). The UI does
// no I/O of its own: tests pass a fake of this boundary built from real snapshots, never module mocks.
import type { ServerTarget, WeightRequest } from '../actions/server-admin.js';
import type { ApplyReport, Plan } from '../actions/types.js';
import type { NodeRequest } from '../actions/node-plan.js';
import type { DrainProgress } from '../actions/node-wait.js';
import type { BgpReadings } from '../model/bgp-nodes.js';
import type { SessionServices } from './panels/sessions/sessions-services.js';
import type { LbtopConfig } from '../model/config.js';
import type { Fleet, LbState } from '../model/fleet.js';
import type { AdminTarget } from '../model/haproxy.js';
import type { PassphraseSource } from '../model/passphrase.js';
import type { StoreReader } from '../store/types.js';
import type { MapsServices } from './maps/maps-services.js';
import type { FailoverServices } from './failover/failover-services.js';
import type { UserCommandRuntime } from '../actions/user-command.js';
import type { HistorySource } from '../actions/history-source.js';
import type { HistoryEntry } from '../actions/history.js';
import type { UndoResult } from '../actions/undo-plan.js';
import type { TablesServices } from './panels/tables/tables-services.js';

export type { ServerTarget, WeightRequest };

/** One step of the follow-up of a node drain; a new `startedAt` is a new drain (the progress view opens). */
export interface NodeProgressUpdate {
  /** As the operator typed it, with the machine it meant: "worker1 (10.0.0.94)". */
  node: string;
  /** The machine's address (the node record's key), what `m` in the progress view acts on. */
  address?: string;
  progress: DrainProgress;
  /** The follow ended: drained, or the timeout came first. */
  finished: boolean;
  action?: 'drain' | 'maint';
  startedAt?: number;
  timeoutMs?: number;
}

/** Kubernetes nodes through BGP (NODES view, `:node NODE`): BGP routes read from BIRD on the LBs with `bird:`. */
export interface BgpNodesService {
  /** The LBs whose BIRD is read. */
  lbs: readonly string[];
  /** Reads them again (one read at a time); resolves with every LB's reading or error. */
  read(): Promise<BgpReadings>;
  /** The last readings, or null before the first came in. */
  last(): BgpReadings | null;
  /** Node names from lbtop.yaml (bgp.nodes, bird.nodes) for an LB. */
  names(lb: string): Record<string, string>;
}

export interface AppServices {
  store: StoreReader;
  config: LbtopConfig;
  buildFleet(config: LbtopConfig, lbs: ReadonlyMap<string, LbState>): Fleet;
  /** Plans are built against the fleet on screen, so the preview matches what the operator saw. */
  planServerAdmin(fleet: Fleet, target: ServerTarget, admin: AdminTarget): Plan;
  planServerWeight(fleet: Fleet, target: ServerTarget, weight: WeightRequest): Plan;
  /** Sends a plan the operator confirmed. */
  apply(plan: Plan): Promise<ApplyReport>;
  rollback(report: ApplyReport): Promise<ApplyReport>;
  /** One raw runtime-API line to one LB (CLI view); resolves with HAProxy's reply text. */
  runRaw(lb: string, command: string): Promise<string>;
  readOnly: boolean;
  /** lbtop.yaml `commands:` (keys, runs for the OUTPUT panel); absent where none are offered. */
  userCommands?: UserCommandRuntime;
  /** Maps/ACLs, drift, trace, certificates (the map editor's views); absent in the fixture replay. */
  maps?: MapsServices;
  /** VIPS and BGP views: keepalived/heartbeat/BIRD state and failover; absent when no LB declares a failover stack. */
  failover?: FailoverServices;
  /** TABLES panel: stick tables, their entries and peers per LB, and the clear plan; absent in the fixture replay. */
  tables?: TablesServices;
  /** A node (a machine: by address, server name or hostname) on every backend of every LB; absent where node actions are not offered. */
  planNode?(fleet: Fleet, request: NodeRequest): Plan;
  /** Kubernetes nodes through BGP; absent when no LB declares `bird:`. planNode uses its last readings. */
  bgpNodes?: BgpNodesService;
  /** A hostname NODE's addresses (`:node worker1.lab.example`); absent where lbtop resolves nothing. */
  resolveHost?(name: string): Promise<string[]>;
  /** Writes an incident snapshot (state, drift, events, audit) and resolves with the JSON file's path. */
  snapshot?(): Promise<string>;
  /** show sess / shutdown session(s) / show errors: the SESSIONS and CAPTURES panels, the drain view's `x`. */
  sessions?: SessionServices;
  /** Drain progress after a node drain was applied (sessions and queue falling to zero). */
  nodeProgress?: { subscribe(listener: (update: NodeProgressUpdate) => void): () => void };
  /** HISTORY view: the audit log as actions (re-read cheaply), and the undo of one planned against the fleet on screen. */
  history?: HistorySource & { planUndo(entry: HistoryEntry, fleet: Fleet): UndoResult };
  /** SSH key passphrases the pool asks for while lbtop runs (a masked dialog answers them). */
  passphrase?: PassphraseSource;
  /**
   * The backends on screen (a stable function): the pollers read their servers every poll and the others' every
   * few polls. Absent where every poll reads everything (fixture replay, tests of the UI alone).
   */
  focus?(backends: ReadonlySet<string>): void;
  /** Version shown in the header. */
  version: string;
  /** Shown in the flash line on the first screen, until the first key (the demo's "try this first"). */
  hint?: string;
  now(): number;
}
