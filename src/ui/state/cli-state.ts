// The CLI view (hatop mode 5): one command line, its history, and a scrollback of what each LB answered.
import type { KeyPress } from '../../keymap/parse-key.js';
import { editText } from './edit-text.js';

export interface CliState {
  lb: string;
  input: string;
  history: string[];
  /** Position while browsing history with ↑/↓; null when editing a fresh line. */
  historyAt: number | null;
  lines: string[];
  /** Lines scrolled up from the bottom of the output. */
  scroll: number;
  busy: boolean;
}

export type CliAction =
  | { type: 'input'; input: string }
  | { type: 'edit'; key: KeyPress }
  | { type: 'history'; step: -1 | 1 }
  | { type: 'sent'; lb: string; command: string }
  | { type: 'reply'; text: string }
  | { type: 'scroll'; by: number; page: number }
  | { type: 'lb'; lb: string };

const MAX_LINES = 5000;
const MAX_HISTORY = 200;

export function initialCli(lb: string): CliState {
  return { lb, input: '', history: [], historyAt: null, lines: [], scroll: 0, busy: false };
}

export function cliReducer(state: CliState, action: CliAction): CliState {
  switch (action.type) {
    case 'input':
      return { ...state, input: action.input, historyAt: null };
    case 'edit':
      return { ...state, input: editText(state.input, action.key), historyAt: null };
    case 'history': {
      if (state.history.length === 0) return state;
      const from = state.historyAt ?? state.history.length;
      const at = from + action.step;
      if (at >= state.history.length) return { ...state, historyAt: null, input: '' };
      const clamped = Math.max(0, at);
      return { ...state, historyAt: clamped, input: state.history[clamped]! };
    }
    case 'sent': {
      const history = state.history[state.history.length - 1] === action.command ? state.history : [...state.history, action.command].slice(-MAX_HISTORY);
      return { ...state, history, historyAt: null, input: '', busy: true, scroll: 0, lines: append(state.lines, [`${action.lb}> ${action.command}`]) };
    }
    case 'reply': {
      const text = action.text.replace(/\n+$/, '');
      return { ...state, busy: false, scroll: 0, lines: append(state.lines, text === '' ? ['(empty reply: done)'] : text.split('\n')) };
    }
    case 'scroll':
      return { ...state, scroll: Math.max(0, Math.min(Math.max(0, state.lines.length - action.page), state.scroll + action.by)) };
    case 'lb':
      return { ...state, lb: action.lb };
  }
}

function append(lines: string[], more: string[]): string[] {
  const all = lines.concat(more);
  return all.length > MAX_LINES ? all.slice(all.length - MAX_LINES) : all;
}
