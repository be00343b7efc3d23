// Key handlers of the map editor's views (scope `maps`), as a table built per render (MapsPanel.tsx). A key
// that cannot act in the current view says why.
import type { Handler, ScopeHandlers } from '../hooks/useCommands.js';
import type { ViewId } from '../state/views.js';
import { entriesOf, fileRows } from './maps-rows.js';
import type { MapsView } from './maps-state.js';
import type { MapsApi } from './useMaps.js';

export interface MapsContext {
  api: MapsApi;
  view: MapsView;
  page: number;
  go(view: ViewId): void;
  /** Runs $EDITOR on the text with the terminal handed over; null when it failed or nothing changed. */
  edit(text: string, name: string): string | null;
  available: boolean;
}

type ListKey = 'files' | 'entries' | 'drift' | 'certs' | 'trace';

export function mapsHandlers(ctx: MapsContext): ScopeHandlers<'maps'> {
  const { api, view } = ctx;
  const s = api.state;
  const files = fileRows(s.patterns.value ?? [], s.kind);
  const opened = s.open ? entriesOf(s.patterns.value ?? [], s.kind, s.open) : null;
  const list: ListKey = view === 'maps' ? (s.open ? 'entries' : 'files') : view;
  const count = { files: files.length, entries: opened?.entries.length ?? 0, drift: s.drift.value?.items.length ?? 0, certs: s.certs.value?.length ?? 0, trace: 10_000 }[list];
  const moveTo = (to: (i: number) => number) => () => api.set((x) => ({ ...x, cursor: { ...x.cursor, [list]: Math.max(0, Math.min(Math.max(0, count - 1), to(x.cursor[list]))) } }));
  const selectedEntry = opened?.entries[s.cursor.entries];
  const selectedDrift = s.drift.value?.items[s.cursor.drift];
  const only = (views: MapsView[], why: string, run: () => void, extra?: () => string | null): Handler => ({
    disabled: () => (!ctx.available ? 'the map editor is not available here' : !views.includes(view) ? why : extra?.() ?? null),
    run,
  });
  const inFile = () => (s.open ? null : 'open a file first (Enter)');
  return {
    'nav.down': moveTo((i) => i + 1),
    'nav.up': moveTo((i) => i - 1),
    'nav.pageDown': moveTo((i) => i + ctx.page),
    'nav.pageUp': moveTo((i) => i - ctx.page),
    'nav.home': moveTo(() => 0),
    'nav.end': moveTo(() => count - 1),
    'maps.open': only(['maps'], 'Enter opens a map/ACL file in the MAPS view', () => {
      const row = files[s.cursor.files];
      if (row) api.set((x) => ({ ...x, open: row.file, cursor: { ...x.cursor, entries: 0 } }));
    }, () => (s.open ? 'already open (Esc goes back to the files)' : files.length === 0 ? 'no map/ACL file here' : null)),
    'maps.back': () => (view === 'maps' && s.open ? api.set((x) => ({ ...x, open: null })) : ctx.go('status')),
    'maps.kind': only(['maps'], 't toggles maps and ACL files in the MAPS view', () => api.set((x) => ({ ...x, kind: x.kind === 'map' ? 'acl' : 'map', open: null, cursor: { ...x.cursor, files: 0 } }))),
    'maps.add': only(['maps'], 'a adds an entry in the MAPS view', () => api.openDialog({ kind: 'input', label: s.kind === 'map' ? 'add KEY VALUE' : 'add PATTERN', text: '', purpose: 'add' }), inFile),
    'maps.change': only(['maps'], 'c changes an entry in the MAPS view', () => api.openDialog({ kind: 'input', label: `new value for ${selectedEntry!.key}`, text: selectedEntry!.value ?? '', purpose: 'change', key: selectedEntry!.key }),
      () => inFile() ?? (s.kind === 'acl' ? 'an ACL pattern has no value: delete it and add another' : selectedEntry ? null : 'no entry selected')),
    'maps.delete': only(['maps'], 'd deletes an entry in the MAPS view', () => api.planEdit({ op: 'del', key: selectedEntry!.key }), () => inFile() ?? (selectedEntry ? null : 'no entry selected')),
    'maps.editor': only(['maps'], 'E edits a whole map/ACL file in the MAPS view', () => api.editWhole(ctx.edit), inFile),
    'maps.refresh': () => (view === 'maps' ? api.loadPatterns() : view === 'drift' ? api.loadDrift() : view === 'certs' ? api.loadCerts() : undefined),
    'maps.trace': only(['maps', 'drift', 'certs', 'trace'], '', () => api.openDialog({ kind: 'input', label: 'trace HOST[:PORT][/PATH]', text: '', purpose: 'trace' })),
    'drift.toDisk': only(['drift'], 'w writes drift to disk in the DRIFT view', () => api.planDriftFix(selectedDrift!, 'to-disk'), () => (selectedDrift ? null : 'no drift selected')),
    'drift.toRuntime': only(['drift'], 'x resets drift to disk in the DRIFT view', () => api.planDriftFix(selectedDrift!, 'to-runtime'), () => (selectedDrift ? null : 'no drift selected')),
  };
}

