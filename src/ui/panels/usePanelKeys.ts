// A panel's own keys. App.tsx keeps answering the global ones (view switches, help, quit) and the read-only
// refusals in the same scope, so a panel handles only the commands bound in its scope: one key, one handler.
import { useCommands, type Handlers } from '../hooks/useCommands.js';
import type { Scope } from '../../keymap/bindings.js';
import type { PanelProps } from './types.js';

export function usePanelKeys(props: Pick<PanelProps, 'keymap' | 'isActive' | 'flash'>, scope: Scope, handlers: Handlers): void {
  useCommands(props.keymap, scope, handlers, { isActive: props.isActive, onMessage: props.flash, ownScopeOnly: true });
}
