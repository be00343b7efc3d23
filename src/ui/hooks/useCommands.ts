// Keys → commands → handlers for one scope. A command that cannot act now says why in the footer's flash line
// (lazygit's GetDisabledReason) instead of doing nothing: before acting (`disabled`), or by returning the reason
// from the handler once it finds it cannot act; a key --read-only removed says so.
import { EXCLUSIVE_SCOPES, type CommandId, type Scope, type ScopeCommandId } from '../../keymap/bindings.js';
import type { KeyPress } from '../../keymap/parse-key.js';
import { boundElsewhere, keysOf, resolveKey, type Keymap } from '../../keymap/resolve.js';
import { useKeys } from './useKeys.js';

/**
 * A handler's answer: a string is why it could not act now ("no server selected", "read-only"), shown in the
 * footer's flash line; anything else (nothing, a promise it started) means it acted.
 */
export type HandlerResult = unknown;
export type HandlerFn = () => HandlerResult;

export interface Handler {
  run(): HandlerResult;
  /** Why the command cannot act now, or null when it can. */
  disabled?: () => string | null;
}

export type Handlers = Partial<Record<CommandId, Handler | HandlerFn>>;

/** Every built-in command bound in scope S, each with its handler: a view's keys, checked by the compiler. */
export type ScopeHandlers<S extends Scope> = { [K in ScopeCommandId<S>]: Handler | HandlerFn };

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
      const own = r.kind === 'command' ? r.command.scopes.includes(scope) : r.kind === 'text' && options.onText !== undefined;
      if (options.ownScopeOnly && !own) return;
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
      const blocked = typeof handler === 'function' ? null : handler.disabled?.() || null;
      const reason = blocked ?? (typeof handler === 'function' ? handler() : handler.run());
      if (typeof reason === 'string' && reason !== '') options.onMessage(reason, 'error');
    },
    { isActive: options.isActive },
  );
}

/** useCommands for one known scope, its table checked by the compiler: every command bound in `scope` has a handler. */
export function useScopeCommands<S extends Scope>(keymap: Keymap, scope: S, handlers: ScopeHandlers<S>, options: CommandOptions): void {
  useCommands(keymap, scope, handlers as Handlers, options);
}
