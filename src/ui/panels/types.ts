// A panel is a view that is one folder: its scope (which keys it answers), its data hook, its key handlers and its
// render, all inside one component. App.tsx only looks the panel up (registry.ts) and hands it what every view
// gets (PanelProps); adding a view adds a folder and a registry line, not another branch in App.tsx.
//
// How to add one (see sessions/, tables/, … for real ones):
//   1. a ViewDef in ../state/views.ts (id in PANEL_IDS, key label), its `view.<id>` command and its own scope's
//      commands in src/keymap/bindings.ts (the help screen and footer are generated from there; a write key is
//      `dangerous: true`, so --read-only removes it);
//   2. `src/ui/panels/<id>/<Name>Panel.tsx` exporting a component of PanelProps that reads its data (a hook of its
//      own), binds its keys with usePanelKeys(props, handlers) and renders `props.height` rows;
//   3. one line in registry.ts.
// A write is a Plan handed to props.preview: the one dialog previews it, asks, applies, verifies and reports.
import type { ReactElement } from 'react';
import type { Plan } from '../../actions/types.js';
import type { Scope } from '../../keymap/bindings.js';
import type { Keymap } from '../../keymap/resolve.js';
import type { Fleet } from '../../model/fleet.js';
import type { TableRow } from '../rows/types.js';
import type { AppServices } from '../services.js';
import type { PanelId, ViewId } from '../state/views.js';

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
}

export interface PanelDef {
  id: PanelId;
  /** The keymap scope of the panel's own keys; global keys apply on top (view switches, help, quit). */
  scope: Scope;
  Component: (props: PanelProps) => ReactElement | null;
}
