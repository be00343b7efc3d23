// The `/` filter and `:` jump prompts: text entry, Tab completion of names, Enter / Esc.
import { useMemo } from 'react';
import type { Keymap } from '../../keymap/resolve.js';
import type { Fleet } from '../../model/fleet.js';
import { commonPrefix, completions, findRow, jumpNames } from '../rows/jump.js';
import type { TableRow } from '../rows/types.js';
import type { UiAction, UiState } from '../state/ui-state.js';
import { useCommands } from './useCommands.js';
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
  const names = useMemo(() => (jumping ? jumpNames(ctx.fleet) : []), [jumping, ctx.fleet]);
  const candidates = useMemo(() => (jumping && prompt ? completions(names, prompt.text) : []), [jumping, names, prompt]);

  const accept = () => {
    if (!prompt) return;
    if (prompt.kind === 'filter') return dispatch({ type: 'prompt.close', keepFilter: true });
    const text = prompt.text.trim();
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
    dispatch({ type: 'select', list: 'table', index, key: rows[index]!.key, count: rows.length, height: ctx.geometry.height, top: index, clearFilter });
  };

  const complete = () => {
    if (!prompt || prompt.kind !== 'jump' || candidates.length === 0) return;
    const prefix = commonPrefix(candidates);
    if (prefix.length > prompt.text.length) return dispatch({ type: 'prompt.text', text: prefix });
    const at = candidates.indexOf(prompt.text);
    dispatch({ type: 'prompt.text', text: candidates[(at + 1) % candidates.length]! });
  };

  useCommands(
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
