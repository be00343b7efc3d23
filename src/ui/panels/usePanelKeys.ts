// A panel's own keys. App.tsx keeps answering the global ones (view switches, help, quit) and the read-only
// refusals in the same scope, so a panel handles only the commands bound in its scope: one key, one handler.
// The table is typed over the scope (ScopeHandlers): a command bound in the scope without a handler here does not
// compile. A text scope (CLI) also gets the typed text through `onText`.
import type { KeyPress } from '../../keymap/parse-key.js';
import { useScopeCommands, type ScopeHandlers } from '../hooks/useCommands.js';
import type { Scope } from '../../keymap/bindings.js';
import type { PanelProps } from './types.js';

export function usePanelKeys<S extends Scope>(props: Pick<PanelProps, 'keymap' | 'isActive' | 'flash'>, scope: S, handlers: ScopeHandlers<S>, onText?: (key: KeyPress) => void): void {
  useScopeCommands(props.keymap, scope, handlers, { isActive: props.isActive, onMessage: props.flash, ownScopeOnly: true, ...(onText ? { onText } : {}) });
}
