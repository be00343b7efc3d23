// The runs of this session's user commands (services.userCommands), subscribed: the OUTPUT panel follows a run
// from "running…" to its output without polling.
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { UserRunEntry } from '../../../actions/user-command.js';
import type { AppServices } from '../../services.js';

const NONE: readonly UserRunEntry[] = [];
const noop = () => () => {};

export function useUserRuns(services: AppServices): readonly UserRunEntry[] {
  const runtime = services.userCommands;
  const subscribe = useMemo(() => (runtime ? (listener: () => void) => runtime.subscribe(listener) : noop), [runtime]);
  const snapshot = useCallback(() => runtime?.runs() ?? NONE, [runtime]);
  return useSyncExternalStore(subscribe, snapshot);
}
