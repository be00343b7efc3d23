// The map editor's views' state and what they do: load (maps and ACLs, drift, certificates, a trace) and plan an edit
// or a drift fix, which the one write dialog (useWriteFlow) previews, sends once confirmed and reports on. Drift
// is re-checked in the background every minute (never two at once) for the header's DRIFT marker.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MapsEdit } from '../../actions/maps/types.js';
import type { WriteFlow } from '../hooks/useWriteFlow.js';
import { configWrite, mapsWrite } from '../writes/maps-write.js';
import type { DriftItem } from '../../model/drift.js';
import type { MapsServices } from './maps-services.js';
import { parseEntryList } from '../../sources/haproxy/maps/file-edit.js';
import { editorText } from './maps-rows.js';
import { initialMapsState, type Loaded, type MapsDialog, type MapsState } from './maps-state.js';

export const DRIFT_EVERY_MS = 60_000;
export const DRIFT_FIRST_MS = 1_000;
type Flash = (text: string, level: 'info' | 'ok' | 'error') => void;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface MapsApi {
  state: MapsState;
  set(update: (s: MapsState) => MapsState): void;
  loadPatterns(): void;
  loadDrift(): void;
  loadCerts(): void;
  trace(target: string): void;
  planEdit(edit: MapsEdit): void;
  /** Re-reads the open file, hands it to the editor, and plans a replace with what comes back. */
  editWhole(editor: (text: string, name: string) => string | null): void;
  planDriftFix(item: DriftItem, direction: 'to-disk' | 'to-runtime'): void;
  closeDialog(): void;
  openDialog(d: MapsDialog): void;
}

export function useMaps(services: MapsServices | undefined, now: () => number, flash: Flash, flow: WriteFlow, showTrace: () => void): MapsApi {
  const [state, setState] = useState(initialMapsState);
  const current = useRef(state);
  current.current = state;
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  const set = useCallback((update: (s: MapsState) => MapsState) => {
    if (mounted.current) setState((s) => (current.current = update(s)));
  }, []);

  const load = useCallback(<K extends 'patterns' | 'drift' | 'certs' | 'trace'>(what: K, work: () => Promise<NonNullable<MapsState[K]['value']>>) => {
    if (current.current[what].loading) return;
    set((s) => ({ ...s, [what]: { ...s[what], loading: true } }));
    work().then(
      (value) => set((s) => ({ ...s, [what]: { value, error: null, loading: false, at: now() } as Loaded<typeof value> })),
      (e: unknown) => set((s) => ({ ...s, [what]: { ...s[what], error: message(e), loading: false } })),
    );
  }, [set, now]);

  const loadDrift = useCallback(() => services && load('drift', () => services.readDrift()), [services, load]);
  useEffect(() => {
    if (!services) return;
    // The periodic check may compare with the servers the poller already read (an asked-for check never does).
    const background = () => load('drift', () => services.readDrift({ polled: true }));
    // Not at once: the check reads config files and every LB's maps and servers, which would delay the first screen.
    const first = setTimeout(background, DRIFT_FIRST_MS);
    const timer = setInterval(background, DRIFT_EVERY_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [services, load]);

  const busy = (title: string) => set((s) => ({ ...s, dialog: { kind: 'busy', title } }));
  const fail = (what: string) => (e: unknown) => {
    set((s) => ({ ...s, dialog: null }));
    flash(`${what}: ${message(e)}`, 'error');
  };
  const afterWrite = () => {
    if (!services) return;
    load('patterns', () => services.readPatterns());
    loadDrift();
  };

  return {
    state,
    set,
    loadPatterns: () => services && load('patterns', () => services.readPatterns()),
    loadDrift: () => void loadDrift(),
    loadCerts: () => services && load('certs', () => services.readCerts()),
    trace: (target) => {
      if (!services) return;
      showTrace();
      load('trace', () => services.trace(target, false));
    },
    planEdit(edit) {
      const s = current.current;
      if (!services || !s.open) return;
      const { kind, open } = s;
      set((x) => ({ ...x, dialog: null }));
      flow.plan('reading every LB that has the file…', services.planEdit(kind, open, edit, []).then((plan) => mapsWrite(plan, services, afterWrite)));
    },
    editWhole(editor) {
      const s = current.current;
      if (!services || !s.open) return;
      const file = s.open;
      const kind = s.kind;
      busy(`reading ${file} on every LB…`);
      // Fresh, never the list on screen: an edit made a moment ago must not be reverted by an older buffer.
      services.readPatterns().then((all) => {
        set((x) => ({ ...x, patterns: { value: all, error: null, loading: false, at: now() }, dialog: null }));
        const text = editorText(all, kind, file);
        const edited = editor(text, `${file.split('/').pop()}.txt`);
        if (edited === null) return flash('the editor failed or was aborted: nothing changed', 'info');
        if (edited === text) return flash('no change', 'info');
        this.planEdit({ op: 'replace', entries: parseEntryList(edited, kind) });
      }, fail('read'));
    },
    planDriftFix(item, direction) {
      if (!services) return;
      flow.plan('reading runtime and disk…', services.planDriftFix(item, direction).then((fix) =>
        fix.preview === 'entries' ? mapsWrite(fix, services, afterWrite) : fix.preview === 'file' ? configWrite(fix, services, afterWrite) : flow.writeOf(fix)));
    },
    closeDialog: () => {
      if (current.current.dialog?.kind === 'busy') return;
      set((s) => ({ ...s, dialog: null }));
    },
    openDialog: (d) => set((s) => ({ ...s, dialog: d })),
  };
}
