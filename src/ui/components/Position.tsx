// The tab line's position text ("row 12/10101"), set by the view shown from a layout effect. Kept outside the
// App's state: a cursor move re-renders this text alone, not the App and its view a second time.
import { useMemo, useSyncExternalStore } from 'react';
import type { ViewId } from '../state/views.js';

export interface PositionSlot {
  set(view: ViewId, text: string): void;
  /** What `view` said last; '' when the view shown said nothing (it does not keep another view's position). */
  text(view: ViewId): string;
  subscribe(listener: () => void): () => void;
}

export function usePositionSlot(): PositionSlot {
  return useMemo(() => {
    let said = { view: '' as ViewId | '', text: '' };
    const listeners = new Set<() => void>();
    return {
      set(view, text) {
        if (said.view === view && said.text === text) return;
        said = { view, text };
        listeners.forEach((l) => l());
      },
      text: (view) => (said.view === view ? said.text : ''),
      subscribe(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    };
  }, []);
}

export function Position({ slot, view }: { slot: PositionSlot; view: ViewId }) {
  const text = useSyncExternalStore(slot.subscribe, () => slot.text(view));
  return <>{text ? `  ${text}` : ''}</>;
}
