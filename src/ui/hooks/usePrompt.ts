// The `/` filter and `:` jump prompts: text entry, Tab completion of names, Enter / Esc.
import { useMemo } from 'react';
import type { Keymap } from '../../keymap/resolve.js';
import type { Fleet } from '../../model/fleet.js';
import { findLine, findMatchRow, findQuery, findServers, type FindMatch } from '../rows/find.js';
import { commonPrefix, completions, findRow, jumpNames } from '../rows/jump.js';
import type { TableRow } from '../rows/types.js';
import type { UiAction, UiState } from '../state/ui-state.js';
import { useScopeCommands } from './useCommands.js';
import type { FlashFn } from './useFlash.js';

export interface PromptContext {
  ui: UiState;
  dispatch(action: UiAction): void;
  keymap: Keymap;
  fleet: Fleet;
  rows: readonly TableRow[];
  allRows(): readonly TableRow[];
  geometry: { height: number };
  isActive: boolean;
  flash: FlashFn;
  /** `:node NODE`: a machine (address, server name or hostname) across every backend and LB, not a row to jump to. */
  onNode?(name: string): void;
}

/** Registers the prompt keys; returns the completions to show for a `:` prompt. */
export function usePrompt(ctx: PromptContext): string[] {
  const { ui, dispatch } = ctx;
  const prompt = ui.prompt;
  const jumping = prompt?.kind === 'jump';
  // Names are collected once per fleet while a jump prompt is open, not per key.
  const query = jumping && prompt ? findQuery(prompt.text) : null;
  const names = useMemo(() => (jumping && query === null ? jumpNames(ctx.fleet) : []), [jumping, query, ctx.fleet]);
  const found = useMemo(() => (query !== null ? findServers(ctx.fleet, query) : []), [query, ctx.fleet]);
  const pick = found.length > 0 ? (prompt?.pick ?? 0) % found.length : 0;
  const candidates = useMemo(
    () => (query !== null ? findCandidates(found, pick) : jumping && prompt ? completions(names, prompt.text) : []),
    [query, found, pick, jumping, names, prompt],
  );

  /** Selects row `index` of `rows` (the unfiltered ones when `clearFilter`), at the top of the window. */
  const go = (rows: readonly TableRow[], index: number, clearFilter: boolean) =>
    dispatch({ type: 'select', list: 'table', index, key: rows[index]!.key, count: rows.length, height: ctx.geometry.height, top: index, clearFilter });

  const acceptFind = (text: string) => {
    const match = found[pick];
    if (!match) {
      dispatch({ type: 'prompt.close', keepFilter: true });
      return ctx.flash(`no server's name, address or hostname contains "${query ?? ''}" on any LB`, 'error');
    }
    let index = findMatchRow(ctx.rows, match);
    if (index >= 0) return go(ctx.rows, index, false);
    // The filter hides it: jumping there is what was asked, so the filter goes.
    const all = ctx.allRows();
    index = findMatchRow(all, match);
    if (index >= 0) return go(all, index, true);
    dispatch({ type: 'prompt.close', keepFilter: true });
    ctx.flash(`${text}: ${findLine(match)} is not in the table`, 'error');
  };

  const accept = () => {
    if (!prompt) return;
    if (prompt.kind === 'filter') return dispatch({ type: 'prompt.close', keepFilter: true });
    const text = prompt.text.trim();
    if (query !== null) return acceptFind(text);
    const node = /^node\s+(\S+)$/.exec(text);
    if (node && ctx.onNode) {
      dispatch({ type: 'prompt.close', keepFilter: true });
      return ctx.onNode(node[1]!);
    }
    let rows = ctx.rows;
    let index = findRow(rows, text);
    let clearFilter = false;
    if (index < 0 && ui.filters.table !== '') {
      // The filter hides it: jumping there is what was asked, so the filter goes.
      rows = ctx.allRows();
      index = findRow(rows, text);
      clearFilter = index >= 0;
    }
    if (index < 0) {
      dispatch({ type: 'prompt.close', keepFilter: true });
      return ctx.flash(text ? `no cluster, backend or server named "${text}"` : 'type a name to jump to (Tab completes)', 'error');
    }
    // The target goes to the top of the window, so a cluster or backend shows its servers below it.
    go(rows, index, clearFilter);
  };

  const complete = () => {
    if (!prompt || prompt.kind !== 'jump' || candidates.length === 0) return;
    if (query !== null) return dispatch({ type: 'prompt.pick', pick: (pick + 1) % found.length });
    const prefix = commonPrefix(candidates);
    if (prefix.length > prompt.text.length) return dispatch({ type: 'prompt.text', text: prefix });
    const at = candidates.indexOf(prompt.text);
    dispatch({ type: 'prompt.text', text: candidates[(at + 1) % candidates.length]! });
  };

  useScopeCommands(
    ctx.keymap,
    'prompt',
    {
      'prompt.accept': accept,
      'prompt.cancel': () => dispatch({ type: 'prompt.close', keepFilter: false }),
      'prompt.complete': complete,
    },
    {
      isActive: ctx.isActive,
      onMessage: ctx.flash,
      onText: (key) => dispatch({ type: 'prompt.edit', key }),
    },
  );
  return candidates;
}

/** The matches as the prompt line lists them: the one Enter jumps to first, marked, with its place among them. */
function findCandidates(found: readonly FindMatch[], pick: number): string[] {
  if (found.length === 0) return [];
  const rest = found.slice(pick + 1).concat(found.slice(0, pick)).slice(0, 11);
  return [`[${pick + 1}/${found.length}${found.length >= 200 ? '+' : ''}] > ${findLine(found[pick]!)} <`, ...rest.map(findLine)];
}
