// Every key lbtop answers to, as data (k9s KeyActions, gemini-cli's command table). The key handlers, the
// footer hints and the help view are all generated from this list, and --read-only strips the `dangerous`
// entries in one place (resolve.ts).

/**
 * Where a binding applies. `global` applies in every view scope; the dialog and prompt scopes are exclusive
 * (they own the keyboard, nothing global fires); `cli` is a text field, so only non-printable globals fire there.
 */
export type Scope = 'global' | 'table' | 'detail' | 'events' | 'cli' | 'help' | 'lbdrift' | 'preview' | 'confirm' | 'report' | 'prompt' | 'maps' | 'failover' | 'passphrase' | 'progress' | 'chooser'
  // The panels (src/ui/panels), one scope each.
  | 'sessions' | 'captures' | 'tables' | 'history' | 'nodes' | 'output';

export const EXCLUSIVE_SCOPES: readonly Scope[] = ['preview', 'confirm', 'report', 'prompt', 'passphrase', 'progress', 'chooser'];
/** Scopes where printable keys type text rather than run commands. */
export const TEXT_SCOPES: readonly Scope[] = ['cli', 'prompt', 'confirm', 'passphrase'];

export interface CommandDef {
  id: string;
  keys: readonly string[];
  scopes: readonly Scope[];
  description: string;
  /** Changes something on an LB: removed by --read-only. */
  dangerous?: boolean;
  /** Short label for the footer; absent = help only. */
  hint?: string;
  /** Keys as the footer shows them, when one hint stands for a family of commands ("F4-F8"). */
  hintKeys?: string;
}

const PANELS = ['sessions', 'captures', 'tables', 'history', 'nodes', 'output'] as const satisfies readonly Scope[];
const NAV = ['table', 'detail', 'events', 'help', 'lbdrift', 'preview', 'report', 'maps', 'failover', 'progress', 'chooser', ...PANELS] as const satisfies readonly Scope[];

export const COMMANDS = [
  { id: 'app.quit', keys: ['q', 'C-c'], scopes: ['global'], description: 'Quit lbtop (changes nothing)', hint: 'quit' },
  { id: 'app.help', keys: ['?', 'h'], scopes: ['global'], description: 'Show this help', hint: 'help' },
  { id: 'view.next', keys: ['tab'], scopes: ['global'], description: 'Next view', hint: 'view' },
  { id: 'view.prev', keys: ['S-tab'], scopes: ['global'], description: 'Previous view' },
  { id: 'view.status', keys: ['1', 'M-1'], scopes: ['global'], description: 'STATUS view: health, sessions, queue' },
  { id: 'view.traffic', keys: ['2', 'M-2'], scopes: ['global'], description: 'TRAFFIC view: bytes and session rates' },
  { id: 'view.http', keys: ['3', 'M-3'], scopes: ['global'], description: 'HTTP view: request rates and response codes' },
  { id: 'view.errors', keys: ['4', 'M-4'], scopes: ['global'], description: 'ERRORS view: errors, retries, check failures' },
  { id: 'view.cli', keys: ['5', 'M-5'], scopes: ['global'], description: 'CLI view: raw runtime-API commands to one LB' },
  { id: 'view.events', keys: ['6', 'M-6'], scopes: ['global'], description: 'EVENTS view: state changes, newest first' },
  { id: 'view.lbdrift', keys: ['0', 'M-0'], scopes: ['global'], description: 'LB-DRIFT view: where LBs of one backend disagree (admin, weight, checks, servers)' },
  { id: 'app.snapshot', keys: ['S'], scopes: ['global'], description: 'Write an incident snapshot (state, drift, events, audit log) to a file' },
  { id: 'view.maps', keys: ['7', 'M-7'], scopes: ['global'], description: 'MAPS/ACLS view: map and ACL files, edited live and on disk' },
  { id: 'view.drift', keys: ['8', 'M-8'], scopes: ['global'], description: 'DRIFT view: what a reload would revert (runtime vs disk)' },
  { id: 'view.certs', keys: ['9', 'M-9'], scopes: ['global'], description: 'CERTS view: TLS certificates, soonest expiry first' },
  { id: 'view.vips', keys: ['V'], scopes: ['global'], description: 'VIPS view: who holds each VIP (keepalived, heartbeat), priorities, split-brain/no-owner alarms' },
  { id: 'view.bgp', keys: ['B'], scopes: ['global'], description: 'BGP view: BIRD protocols, state and route counts per host' },
  { id: 'view.sessions', keys: ['s'], scopes: ['global'], description: 'SESSIONS view: the sessions of the selected server or backend on every LB (show sess)' },
  { id: 'view.captures', keys: ['X'], scopes: ['global'], description: 'CAPTURES view: the bad requests and responses each LB captured (show errors), newest first' },
  { id: 'view.tables', keys: ['T'], scopes: ['global'], description: 'TABLES view: stick tables per LB, their entries, compared across LBs; peers' },
  { id: 'view.history', keys: ['H'], scopes: ['global'], description: "HISTORY view: what lbtop changed (the audit log), with undo" },
  { id: 'view.nodes', keys: ['K'], scopes: ['global'], description: 'NODES view: Kubernetes nodes (by BGP prefix) and the pods on them' },
  { id: 'view.output', keys: ['!'], scopes: ['global'], description: 'OUTPUT view: the output of the last user command' },

  { id: 'nav.down', keys: ['down', 'j'], scopes: NAV, description: 'Move down' },
  { id: 'nav.up', keys: ['up', 'k'], scopes: NAV, description: 'Move up' },
  // Also in a preview that asks for a word: a whole-LB move's preview is longer than a screen.
  { id: 'nav.pageDown', keys: ['pgdn', 'C-f'], scopes: [...NAV, 'confirm'], description: 'Page down' },
  { id: 'nav.pageUp', keys: ['pgup', 'C-b'], scopes: [...NAV, 'confirm'], description: 'Page up' },
  { id: 'nav.home', keys: ['home', 'g'], scopes: ['table', 'detail', 'events', 'help', 'lbdrift', 'maps', 'failover', 'progress', ...PANELS], description: 'First row' },
  { id: 'nav.end', keys: ['end', 'G'], scopes: ['table', 'detail', 'events', 'help', 'lbdrift', 'maps', 'failover', 'progress', ...PANELS], description: 'Last row' },

  { id: 'filter.open', keys: ['/'], scopes: ['table', 'events'], description: 'Filter rows (incremental; Esc clears)', hint: 'filter' },
  { id: 'filter.clear', keys: ['esc'], scopes: ['table', 'events'], description: 'Clear the filter' },
  { id: 'jump.open', keys: [':'], scopes: ['table'], description: 'Jump to a row by name (Tab completes); :find TEXT finds a server by name, address or hostname', hint: 'jump' },
  { id: 'sort.next', keys: ['o'], scopes: ['table'], description: 'Sort by the next column, marked ▲/▼ in the header (servers stay under their backend)', hint: 'sort' },
  { id: 'sort.reverse', keys: ['O'], scopes: ['table'], description: 'Reverse the sort order' },
  { id: 'detail.open', keys: ['enter'], scopes: ['table'], description: 'Details of the selected row: trends (rate, 5xx, queue), state changes, values per LB', hint: 'details' },
  { id: 'detail.close', keys: ['esc', 'enter'], scopes: ['detail'], description: 'Close the details (j/k move the row they show)', hint: 'close' },
  { id: 'scope.cycle', keys: ['a'], scopes: ['table'], description: 'Target LBs for actions: all LBs having the backend → one LB → …', hint: 'scope' },
  { id: 'rows.expand', keys: ['e'], scopes: ['table'], description: 'Show one sub-row per LB under each server (else values are summed)' },

  { id: 'server.drain', keys: ['d'], scopes: ['table'], description: 'Drain the selected server (no new sessions)', dangerous: true, hint: 'drain' },
  { id: 'server.maint', keys: ['m', 'f10'], scopes: ['table'], description: 'Put the selected server in maintenance (hatop F10)', dangerous: true, hint: 'maint' },
  { id: 'server.ready', keys: ['r', 'f9'], scopes: ['table'], description: 'Set the selected server ready (hatop F9)', dangerous: true, hint: 'ready' },
  { id: 'node.progress', keys: ['P'], scopes: ['table'], description: 'Show the progress of the last node drain (sessions and queue to zero)' },
  { id: 'nodes.open', keys: ['enter'], scopes: ['nodes'], description: 'List the pods of the selected node (LB, backend/server, address, state, prefix)', hint: 'pods' },
  { id: 'nodes.back', keys: ['esc'], scopes: ['nodes'], description: 'Back from the pods to the node list' },
  { id: 'nodes.drain', keys: ['N'], scopes: ['nodes'], description: 'Drain the selected node: every pod inside its BGP prefixes, on every LB (preview first)', dangerous: true, hint: 'drain node' },
  { id: 'node.drain', keys: ['N'], scopes: ['table'], description: 'Drain the selected server\'s machine (its address; a pod: its BGP node) on every LB', dangerous: true, hint: 'node' },
  { id: 'server.weight.restore', keys: ['f4'], scopes: ['table'], description: 'Restore the initial weight', dangerous: true },
  { id: 'server.weight.dec10', keys: ['f5'], scopes: ['table'], description: 'Weight −10', dangerous: true, hint: 'weight', hintKeys: 'F4-F8' },
  { id: 'server.weight.dec1', keys: ['f6'], scopes: ['table'], description: 'Weight −1', dangerous: true },
  { id: 'server.weight.inc1', keys: ['f7'], scopes: ['table'], description: 'Weight +1', dangerous: true },
  { id: 'server.weight.inc10', keys: ['f8'], scopes: ['table'], description: 'Weight +10', dangerous: true },

  { id: 'cli.send', keys: ['enter'], scopes: ['cli'], description: 'Send the command line to the target LB', hint: 'send' },
  { id: 'cli.history.prev', keys: ['up'], scopes: ['cli'], description: 'Previous command from history' },
  { id: 'cli.history.next', keys: ['down'], scopes: ['cli'], description: 'Next command from history' },
  { id: 'cli.scroll.up', keys: ['pgup'], scopes: ['cli'], description: 'Scroll the output up' },
  { id: 'cli.scroll.down', keys: ['pgdn'], scopes: ['cli'], description: 'Scroll the output down' },
  { id: 'cli.lb.next', keys: ['C-n'], scopes: ['cli'], description: 'Send to the next LB', hint: 'next LB' },
  { id: 'cli.clear', keys: ['C-u'], scopes: ['cli'], description: 'Clear the command line' },
  { id: 'cli.back', keys: ['esc'], scopes: ['cli'], description: 'Back to the previous view' },

  { id: 'help.close', keys: ['esc'], scopes: ['help'], description: 'Close help', hint: 'close' },

  { id: 'maps.open', keys: ['enter'], scopes: ['maps'], description: 'Open the selected map/ACL file (its entries)', hint: 'open' },
  { id: 'maps.back', keys: ['esc'], scopes: ['maps'], description: 'Back to the list of files' },
  { id: 'maps.kind', keys: ['t'], scopes: ['maps'], description: 'Toggle maps / ACL files', hint: 'maps/acls' },
  { id: 'maps.add', keys: ['a'], scopes: ['maps'], description: 'Add an entry (preview first)', dangerous: true, hint: 'add' },
  { id: 'maps.change', keys: ['c'], scopes: ['maps'], description: 'Change the value of the selected entry (preview first)', dangerous: true, hint: 'change' },
  { id: 'maps.delete', keys: ['d'], scopes: ['maps'], description: 'Delete the selected entry (preview first)', dangerous: true, hint: 'delete' },
  { id: 'maps.editor', keys: ['E'], scopes: ['maps'], description: 'Edit the whole list in $EDITOR (preview first)', dangerous: true, hint: '$EDITOR' },
  { id: 'maps.refresh', keys: ['C-r'], scopes: ['maps'], description: 'Read the lists again', hint: 'reread' },
  { id: 'maps.trace', keys: [':'], scopes: ['maps'], description: ':trace HOST[:PORT][/PATH]: where does this request go, on every LB', hint: 'trace' },
  { id: 'drift.toDisk', keys: ['w'], scopes: ['maps'], description: 'Drift: write the runtime state to disk (preview first)', dangerous: true, hint: 'to disk' },
  { id: 'drift.toRuntime', keys: ['x'], scopes: ['maps'], description: 'Drift: reset the runtime to what is on disk (preview first)', dangerous: true, hint: 'to runtime' },

  { id: 'vip.move', keys: ['f'], scopes: ['failover'], description: 'Move the selected VIP to another LB (preview, Tab picks the LB; type the cluster name to confirm)', dangerous: true, hint: 'failover' },
  { id: 'vip.force', keys: ['F'], scopes: ['failover'], description: "Move the selected VIP even though the standby's HAProxy has an affected backend not UP", dangerous: true },
  { id: 'vip.moveLb', keys: ['m'], scopes: ['failover'], description: "Move all VIPs the selected VIP's holder holds alone (preview, Tab picks the LB; type its name)", dangerous: true, hint: 'move LB' },
  { id: 'vip.moveLbForce', keys: ['M'], scopes: ['failover'], description: "Move every VIP of the holder even though the target's HAProxy has an affected backend not UP", dangerous: true },
  { id: 'bgp.toggle', keys: ['x'], scopes: ['failover'], description: 'Disable / enable the selected BIRD protocol with a reason (preview; confirm by typing its name)', dangerous: true, hint: 'disable/enable' },

  { id: 'tables.open', keys: ['enter'], scopes: ['tables'], description: 'TABLES: open the selected table (its entries on every LB that has it)', hint: 'open' },
  { id: 'tables.back', keys: ['esc'], scopes: ['tables'], description: 'TABLES: back to the list of tables', hint: 'back' },
  { id: 'tables.column', keys: ['c'], scopes: ['tables'], description: 'TABLES: next data column (entries sort by it, highest first)', hint: 'column' },
  { id: 'tables.filter', keys: ['f'], scopes: ['tables'], description: "TABLES: keep entries whose column is ≥ the selected entry's (HAProxy data filter); again: all", hint: 'filter' },
  { id: 'tables.compare', keys: ['C'], scopes: ['tables'], description: 'TABLES: compare the open table across LBs (keys missing on some, values that differ)', hint: 'compare' },
  { id: 'tables.peers', keys: ['p'], scopes: ['tables'], description: 'TABLES: show or hide the peers of every LB (connected, initial resync)', hint: 'peers' },
  { id: 'tables.clear', keys: ['d'], scopes: ['tables'], description: "TABLES: clear the selected entry's key on every LB that has the table (preview first)", dangerous: true, hint: 'clear key' },

  { id: 'dialog.confirm', keys: ['y'], scopes: ['preview'], description: 'Send the previewed commands', hint: 'send' },
  { id: 'dialog.cancel', keys: ['esc', 'n'], scopes: ['preview'], description: 'Cancel: send nothing', hint: 'cancel' },
  { id: 'dialog.skipUnreachable', keys: ['u'], scopes: ['preview'], description: 'Plan refused for unreachable LBs: apply on the others, leaving them out (then y)', dangerous: true, hint: 'leave out unreachable' },
  { id: 'confirm.accept', keys: ['enter'], scopes: ['confirm'], description: 'Send, once the confirmation word is typed', hint: 'send' },
  { id: 'confirm.cancel', keys: ['esc'], scopes: ['confirm'], description: 'Cancel: send nothing', hint: 'cancel' },
  { id: 'confirm.target', keys: ['tab'], scopes: ['confirm'], description: 'VIP/LB move: plan the preview again for the next candidate LB', hint: 'target' },
  { id: 'report.rollback', keys: ['R'], scopes: ['report'], description: 'Roll back the LBs that changed', dangerous: true, hint: 'roll back' },
  { id: 'report.close', keys: ['esc', 'enter'], scopes: ['report'], description: 'Close the report', hint: 'close' },

  { id: 'progress.close', keys: ['esc'], scopes: ['progress'], description: 'Close the drain progress (the drain and its follow-up go on)', hint: 'close' },
  { id: 'progress.endSessions', keys: ['x'], scopes: ['progress'], description: 'End the sessions a drain stuck past its timeout left (shutdown sessions server)', dangerous: true, hint: 'end sessions' },
  { id: 'progress.maint', keys: ['m'], scopes: ['progress'], description: 'Put the drained node in maintenance (preview first)', dangerous: true, hint: 'maint' },

  { id: 'history.detail', keys: ['enter'], scopes: ['history'], description: 'HISTORY: the selected action\'s commands and its outcome on each LB (Enter again: the list)', hint: 'detail' },
  { id: 'history.back', keys: ['esc'], scopes: ['history'], description: 'HISTORY: back from the detail to the list' },
  { id: 'history.undo', keys: ['u'], scopes: ['history'], description: 'HISTORY: undo the selected action (its way back, re-planned against the LBs now; preview first)', dangerous: true, hint: 'undo' },
  { id: 'sessions.end', keys: ['x'], scopes: ['sessions'], description: 'End the selected session (shutdown session)', dangerous: true, hint: 'end session' },
  { id: 'sessions.endServer', keys: ['E'], scopes: ['sessions'], description: 'End all sessions of its server on every LB (shutdown sessions server)', dangerous: true, hint: 'end all of server' },
  { id: 'sessions.refresh', keys: ['C-r'], scopes: ['sessions', 'captures'], description: 'Read again now (else every poll interval)', hint: 'reread' },
  { id: 'captures.lb', keys: ['l'], scopes: ['captures'], description: 'Show the next LB\'s captures (or all LBs)', hint: 'LB' },

  { id: 'chooser.pick', keys: ['enter'], scopes: ['chooser'], description: 'Node name on several machines: preview the selected machine (nothing is sent)', hint: 'preview this machine' },
  { id: 'chooser.cancel', keys: ['esc', 'n'], scopes: ['chooser'], description: 'Close the machine chooser: nothing planned', hint: 'cancel' },

  { id: 'output.back', keys: ['esc'], scopes: ['output'], description: 'Back to the view the command was run from', hint: 'back' },
  { id: 'output.older', keys: ['['], scopes: ['output'], description: 'Older run of this session', hint: 'older' },
  { id: 'output.newer', keys: [']'], scopes: ['output'], description: 'Newer run of this session', hint: 'newer' },

  { id: 'passphrase.accept', keys: ['enter'], scopes: ['passphrase'], description: 'Use the typed passphrase for the SSH key', hint: 'unlock' },
  { id: 'passphrase.cancel', keys: ['esc'], scopes: ['passphrase'], description: 'Refuse: skip this key (other hosts keep polling)', hint: 'refuse' },

  { id: 'prompt.accept', keys: ['enter'], scopes: ['prompt'], description: 'Accept (filter stays, jump goes)', hint: 'accept' },
  { id: 'prompt.cancel', keys: ['esc'], scopes: ['prompt'], description: 'Cancel (filter is cleared)', hint: 'cancel' },
  { id: 'prompt.complete', keys: ['tab'], scopes: ['prompt'], description: 'Complete the name (jump); the next match (:find)', hint: 'complete' },
] as const satisfies readonly CommandDef[];

/** A built-in command, or one of lbtop.yaml's `commands:` (user-keys.ts), bound at start. */
export type CommandId = (typeof COMMANDS)[number]['id'] | `user.${string}`;

type BuiltIn = (typeof COMMANDS)[number];
/**
 * The ids of the built-in commands bound in scope S (a union of scopes: bound in any of them). A view's handler
 * table is typed over it (ScopeHandlers in src/ui/hooks/useCommands.ts), so a command added here for a scope
 * without a handler in that scope's view is a type error, not a key that silently does nothing.
 */
export type ScopeCommandId<S extends Scope> = BuiltIn extends infer D
  ? D extends { id: infer I; scopes: readonly (infer X)[] }
    ? S extends X
      ? I
      : never
    : never
  : never;
