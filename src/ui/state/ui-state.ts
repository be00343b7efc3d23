// What the operator is looking at: view, selections, filter, prompt, scope, flash. One reducer, so a key
// press is one state update and one frame (Ink's legacy root renders every setState on its own).
import { move, settle, type NavMove, type Selection, NO_SELECTION } from './selection.js';
import { isStatsView, type ViewId } from './views.js';
import type { KeyPress } from '../../keymap/parse-key.js';
import { editText } from './edit-text.js';

/** The lists whose selection outlives their view (HELP and the panels keep their own scroll and cursor). */
export type ListId = 'table' | 'events';

export interface PromptState {
  kind: 'filter' | 'jump';
  list: 'table' | 'events';
  text: string;
  /** Filter in force when the prompt opened (Esc on a new filter clears it). */
  before: string;
  /** `:find`: which of the matches Enter jumps to (Tab moves it); back to the first when the text changes. */
  pick?: number;
}

export interface Flash {
  text: string;
  level: 'info' | 'ok' | 'error';
  at: number;
}

export interface UiState {
  view: ViewId;
  /** Where Esc from HELP or CLI goes back to. */
  back: ViewId;
  lists: Record<ListId, Selection>;
  filters: Record<'table' | 'events', string>;
  prompt: PromptState | null;
  expanded: boolean;
  /** LB the write keys act on; null = every LB that has the server's backend. */
  scope: string | null;
  flash: Flash | null;
  /** The stats table's sort (`o`/`O`): a column id of the view, highest first when `desc`; null: configured order. */
  sort: { column: string; desc: boolean } | null;
  /** The detail pane of the selected row is open (Enter; Esc closes). */
  detail: boolean;
}

export type UiAction =
  | { type: 'view'; view: ViewId }
  | { type: 'nav'; list: ListId; how: NavMove; from: { index: number; top: number }; count: number; height: number; keyAt: (i: number) => string | undefined }
  | { type: 'select'; list: ListId; index: number; key: string | null; count: number; height: number; top: number; clearFilter?: boolean }
  | { type: 'prompt.open'; kind: PromptState['kind']; list: PromptState['list'] }
  | { type: 'prompt.text'; text: string }
  | { type: 'prompt.pick'; pick: number }
  /** A typed key edits the text as it is now, not as the last render saw it (keys can outrun renders). */
  | { type: 'prompt.edit'; key: KeyPress }
  | { type: 'prompt.close'; keepFilter: boolean }
  | { type: 'filter.clear'; list: 'table' | 'events' }
  | { type: 'expand' }
  | { type: 'scope'; scope: string | null }
  | { type: 'flash'; flash: Flash | null }
  | { type: 'flash.expire'; at: number }
  | { type: 'list.reset'; list: ListId }
  | { type: 'sort'; sort: UiState['sort'] }
  | { type: 'detail'; open: boolean };

export function initialUiState(view: ViewId = 'status'): UiState {
  return {
    view,
    back: view,
    lists: { table: NO_SELECTION, events: NO_SELECTION },
    filters: { table: '', events: '' },
    prompt: null,
    expanded: false,
    scope: null,
    flash: null,
    sort: null,
    detail: false,
  };
}

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'view': {
      if (action.view === state.view) return state;
      const back = state.view === 'help' ? state.back : state.view;
      return { ...state, view: action.view, back, prompt: null, detail: state.detail && action.view !== 'help' && isStatsView(action.view) };
    }
    case 'nav': {
      const target = move(action.from.index, action.how, action.count, action.height);
      const next = settle(action.count, action.height, target, action.from.top);
      const key = action.keyAt(next.index) ?? null;
      return { ...state, lists: { ...state.lists, [action.list]: { index: next.index, top: next.top, key } } };
    }
    case 'select': {
      const next = settle(action.count, action.height, action.index, action.top);
      const lists = { ...state.lists, [action.list]: { ...next, key: action.key } };
      const filters = action.clearFilter ? { ...state.filters, table: '' } : state.filters;
      return { ...state, lists, filters, prompt: null };
    }
    case 'prompt.open': {
      const before = state.filters[action.list];
      const text = action.kind === 'filter' ? before : '';
      return { ...state, prompt: { kind: action.kind, list: action.list, text, before } };
    }
    case 'prompt.edit':
      if (!state.prompt) return state;
      return uiReducer(state, { type: 'prompt.text', text: editText(state.prompt.text, action.key) });
    case 'prompt.text': {
      if (!state.prompt) return state;
      const prompt = { ...state.prompt, text: action.text, pick: 0 };
      // The filter is incremental: every key narrows the rows at once.
      if (prompt.kind !== 'filter') return { ...state, prompt };
      return { ...state, prompt, filters: { ...state.filters, [prompt.list]: action.text }, lists: { ...state.lists, [prompt.list]: NO_SELECTION } };
    }
    case 'prompt.pick':
      return state.prompt ? { ...state, prompt: { ...state.prompt, pick: action.pick } } : state;
    case 'prompt.close': {
      if (!state.prompt) return state;
      const { list, kind } = state.prompt;
      const filters = kind === 'filter' && !action.keepFilter ? { ...state.filters, [list]: '' } : state.filters;
      return { ...state, prompt: null, filters };
    }
    case 'filter.clear':
      // The selection keeps its row key, so clearing the filter leaves the operator on the row they found.
      return { ...state, filters: { ...state.filters, [action.list]: '' } };
    case 'expand':
      return { ...state, expanded: !state.expanded };
    case 'scope':
      return { ...state, scope: action.scope };
    case 'flash':
      return { ...state, flash: action.flash };
    case 'flash.expire':
      return state.flash && state.flash.at === action.at ? { ...state, flash: null } : state;
    case 'sort':
      return { ...state, sort: action.sort };
    case 'detail':
      return { ...state, detail: action.open };
    case 'list.reset':
      return { ...state, lists: { ...state.lists, [action.list]: NO_SELECTION } };
  }
}
