// A panel is a view that is one folder: its scope (which keys it answers), its data hook, its key handlers and its
// render, all inside one component. App.tsx only looks the panel up (registry.ts) and hands it what every view
// gets (PanelProps); adding a view adds a folder and a registry line, not another branch in App.tsx. The views
// that share the App's state (the stats table's selection, filter and sort, the CLI session, …) read it from
// `shell`; the others need only their own.
//
// How to add one (see sessions/, tables/, … for real ones):
//   1. a ViewDef in ../state/views.ts (id in PANEL_IDS, key label), its `view.<id>` command and its own scope's
//      commands in src/keymap/bindings.ts (the help screen and footer are generated from there; a write key is
//      `dangerous: true`, so --read-only removes it);
//   2. `src/ui/panels/<id>/<Name>Panel.tsx` exporting a component of PanelProps that reads its data (a hook of its
//      own), binds its keys with usePanelKeys(props, scope, handlers) and renders `props.height` rows. The handler
//      table must answer every command bindings.ts binds in the scope (a missing one does not compile); a handler
//      that cannot act now returns why (a string), or says it first with `disabled`: the footer shows it;
//   3. one line in registry.ts.
// A write is a Plan handed to props.preview: the one dialog previews it, asks, applies, verifies and reports.
import type { MutableRefObject, ReactElement } from 'react';
import type { Plan } from '../../actions/types.js';
import type { Scope } from '../../keymap/bindings.js';
import type { Keymap } from '../../keymap/resolve.js';
import type { Fleet } from '../../model/fleet.js';
import type { StoreState } from '../../store/types.js';
import type { NodeChoice } from '../components/NodeChooser.js';
import type { AgeTicks } from '../hooks/useAgeTicks.js';
import type { CliSession } from '../hooks/useCliSession.js';
import type { FleetRows } from '../hooks/useFleetRows.js';
import type { ScreenText } from '../hooks/useStore.js';
import type { FailoverApi } from '../failover/useFailover.js';
import type { DrainView } from '../progress/useDrainProgress.js';
import type { MapsApi } from '../maps/useMaps.js';
import type { TableRow } from '../rows/types.js';
import type { AppServices } from '../services.js';
import type { UiAction, UiState } from '../state/ui-state.js';
import type { ViewId } from '../state/views.js';

/** What outlives a view, for the views that share it: stats views 1–4, EVENTS, CLI, HELP, maps, failover, OUTPUT's way back. */
export interface ViewShell {
  ui: UiState;
  dispatch(action: UiAction): void;
  /** The fleet as the stats views' rows: filtered, sorted, expanded (the `/` and `:` prompts work on them too). */
  rows: FleetRows;
  store: StoreState;
  /** The CLI view's session: kept by App so its output survives switching views. */
  cli: CliSession;
  /** Opens the machine chooser (N on a name carried by several machines). */
  choose(choice: NodeChoice): void;
  /** The last node drain's progress (P on the fleet table shows it again). */
  drain: DrainView;
  /** Set by the stats views while shown: the ages on screen that a quiet poll still moves (useStore.ts). */
  screenText: MutableRefObject<ScreenText | null>;
  ageTicks: AgeTicks;
  /** Set by the stats views to their selected row: what a panel opened from there acts on (`selection`). */
  selected: MutableRefObject<TableRow | null>;
  /** The map editor's views' state and dialog (the header's drift marker reads it everywhere) and $EDITOR. */
  maps: { api: MapsApi; edit(text: string, name: string): string | null };
  /** The VIPS and BGP views' state and dialog (the header's VIP alarm reads it everywhere). */
  failover: FailoverApi;
}

export interface PanelProps {
  services: AppServices;
  /** The fleet as on screen (what plans are built against, so the preview matches what the operator saw). */
  fleet: Fleet;
  keymap: Keymap;
  width: number;
  /** Rows the panel may draw (the body between header and footer). */
  height: number;
  now: number;
  /** The stats-table row selected when the panel was opened (server, backend, …), or null. */
  selection: TableRow | null;
  /** False while a dialog, prompt or passphrase owns the keyboard: the panel's keys must not act. */
  isActive: boolean;
  /** Opens the one write dialog on a plan (preview → confirm → apply → verify → report). */
  preview(plan: Plan): void;
  flash(text: string, level: 'info' | 'ok' | 'error'): void;
  go(view: ViewId): void;
  /** What the header's tab line shows on the right ("line 3/20"); a stable function, called from a layout effect so the same frame shows it. */
  setPosition(text: string): void;
  shell: ViewShell;
}

export interface PanelDef {
  id: ViewId;
  /** The keymap scope of the panel's own keys, or how the App's state picks it (the stats table or its detail pane); global keys apply on top (view switches, help, quit). */
  scope: Scope | ((ui: UiState) => Scope);
  Component: (props: PanelProps) => ReactElement | null;
}
