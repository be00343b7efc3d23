// Keys → commands → handlers for one scope. A command that cannot act now says why in the flash line
// (lazygit's GetDisabledReason) instead of doing nothing; a key --read-only removed says so.
import { EXCLUSIVE_SCOPES, type CommandId, type Scope } from '../../keymap/bindings.js';
import type { KeyPress } from '../../keymap/parse-key.js';
import { boundElsewhere, keysOf, resolveKey, type Keymap } from '../../keymap/resolve.js';
import { useKeys } from './useKeys.js';

export interface Handler {
  run(): void;
  /** Why the command cannot act now, or null when it can. */
  disabled?: () => string | null;
}

export type Handlers = Partial<Record<CommandId, Handler | (() => void)>>;

export interface CommandOptions {
  isActive: boolean;
  /** Printable text and editing keys, in text scopes. */
  onText?: (key: KeyPress) => void;
  onMessage: (text: string, level: 'info' | 'error') => void;
  /**
   * A panel's own hook (panels/usePanelKeys.ts): only commands bound in this very scope, silently ignoring the
   * rest, which App.tsx's hook answers (globals, read-only refusals, "bound elsewhere" hints).
   */
  ownScopeOnly?: boolean;
}

export function useCommands(keymap: Keymap, scope: Scope, handlers: Handlers, options: CommandOptions): void {
  useKeys(
    (key) => {
      const r = resolveKey(keymap, scope, key);
      if (options.ownScopeOnly && (r.kind !== 'command' || !r.command.scopes.includes(scope))) return;
      if (r.kind === 'text') return options.onText?.(key);
      if (r.kind === 'removed') {
        return options.onMessage(`READ-ONLY: ${keysOf(r.command)} (${r.command.description.toLowerCase()}) is disabled; lbtop was started with --read-only`, 'error');
      }
      if (r.kind === 'none') {
        const hint = EXCLUSIVE_SCOPES.includes(scope) ? null : boundElsewhere(keymap, scope, key.name);
        return hint ? options.onMessage(hint, 'info') : undefined;
      }
      const handler = handlers[r.id];
      if (!handler) return;
      if (typeof handler === 'function') return handler();
      const reason = handler.disabled?.() ?? null;
      if (reason) return options.onMessage(reason, 'error');
      handler.run();
    },
    { isActive: options.isActive },
  );
}
