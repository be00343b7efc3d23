// The CLI view's session, kept at App level so its output survives switching views.
import { useReducer, useRef, useEffect } from 'react';
import type { KeyPress } from '../../keymap/parse-key.js';
import { isReadCommand } from '../../sources/haproxy/read-commands.js';
import { cliReducer, initialCli, type CliState } from '../state/cli-state.js';
import type { AppServices } from '../services.js';

export interface CliSession {
  state: CliState;
  setInput(input: string): void;
  /** Applies a typed key to the line as it is now. */
  edit(key: KeyPress): void;
  history(step: -1 | 1): void;
  scroll(by: number, page: number): void;
  nextLb(): void;
  /** Sends the line; returns why it was not sent, or null. */
  send(): string | null;
}

export function useCliSession(services: AppServices, lbs: readonly string[], preferredLb: string | null): CliSession {
  const [state, dispatch] = useReducer(cliReducer, preferredLb ?? lbs[0] ?? '', initialCli);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  return {
    state,
    setInput: (input) => dispatch({ type: 'input', input }),
    edit: (key) => dispatch({ type: 'edit', key }),
    history: (step) => dispatch({ type: 'history', step }),
    scroll: (by, page) => dispatch({ type: 'scroll', by, page }),
    nextLb: () => {
      if (lbs.length === 0) return;
      dispatch({ type: 'lb', lb: lbs[(lbs.indexOf(state.lb) + 1) % lbs.length]! });
    },
    send: () => {
      const command = state.input.trim();
      if (command === '') return 'type a runtime-API command first (e.g. show info)';
      if (state.busy) return 'the previous command has not answered yet';
      if (!state.lb) return 'no LB configured';
      if (services.readOnly && !isReadCommand(command)) return 'READ-ONLY: only show, get and help commands are sent';
      dispatch({ type: 'sent', lb: state.lb, command });
      services.runRaw(state.lb, command).then(
        (text) => mounted.current && dispatch({ type: 'reply', text }),
        (error: unknown) => mounted.current && dispatch({ type: 'reply', text: `error: ${error instanceof Error ? error.message : String(error)}` }),
      );
      return null;
    },
  };
}
