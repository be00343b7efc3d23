// Small derived texts for the header and footer.
import type { Scope } from '../../keymap/bindings.js';
import type { PromptState } from './ui-state.js';

/** Whose keys the footer should advertise when no dialog owns the keyboard: the prompt's, or the view's. */
export function hintScopeOf(prompt: PromptState | null, view: Scope): Scope {
  return prompt ? 'prompt' : view;
}

/** "row 12/10101": where the cursor is, for the tab line. */
export function positionText(what: string, index: number, count: number): string {
  return `${what} ${count > 0 ? index + 1 : 0}/${count}`;
}
