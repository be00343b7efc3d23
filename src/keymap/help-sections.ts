// The sections of the help view, in order, one per key scope: the TUI's help (src/ui/panels/help/help-lines.ts) and the
// man page's KEYS (src/cli/man-page.ts) are both generated from these and the keymap.
import type { Scope } from './bindings.js';

export const HELP_SECTIONS: readonly { scope: Scope; title: string }[] = [
  { scope: 'global', title: 'Everywhere' },
  { scope: 'table', title: 'Fleet table (views 1–4)' },
  { scope: 'detail', title: 'Row details (Enter on a fleet row)' },
  { scope: 'events', title: 'Events (view 6)' },
  { scope: 'maps', title: 'Maps/ACLs, drift vs disk, certs (views 7–9)' },
  { scope: 'lbdrift', title: 'LB-DRIFT (view 0)' },
  { scope: 'failover', title: 'VIPS and BGP (views V, B)' },
  { scope: 'sessions', title: 'SESSIONS (view s)' },
  { scope: 'captures', title: 'CAPTURES (view X): bad requests and responses (show errors)' },
  { scope: 'tables', title: 'TABLES (view T): stick tables and peers' },
  { scope: 'history', title: 'HISTORY (view H): what lbtop changed, with undo' },
  { scope: 'nodes', title: 'NODES (view K): Kubernetes nodes by BGP prefix' },
  { scope: 'output', title: 'OUTPUT (view !): the last user command' },
  { scope: 'cli', title: 'CLI (view 5): printable keys type; these keys act' },
  { scope: 'prompt', title: '/ filter and : jump prompts' },
  { scope: 'output', title: 'OUTPUT (!): what the last user command (lbtop.yaml commands:) printed' },
  { scope: 'progress', title: 'Node drain progress (opens after a node drain)' },
  { scope: 'chooser', title: 'Machine chooser (a node name carried on several machines)' },
  { scope: 'passphrase', title: 'SSH key passphrase dialog (typed text is masked)' },
  { scope: 'preview', title: 'Preview dialog (nothing is sent before y)' },
  { scope: 'confirm', title: 'Preview that asks for a word' },
  { scope: 'report', title: 'Report dialog' },
  { scope: 'help', title: 'Help' },
];
