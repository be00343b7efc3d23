// The layout: header, the body slot (the open dialog, an overlay, or the view shown, looked up in the panel
// registry), footer. The App keeps what outlives a view (the store, the fleet's rows, the one reducer, the write
// dialog, the CLI session) and answers the global keys; each view answers its own (src/ui/panels/).
import { Box, Text, useApp } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { hintsFor, type Keymap } from '../keymap/resolve.js';
import type { Theme } from '../theme/tokens.js';
import { DialogSlot } from './components/DialogSlot.js';
import { fullWidth } from './full-width.js';
import { provideFullWidth } from './text-width.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { NodeChooser, type NodeChoice } from './components/NodeChooser.js';
import { PassphraseDialog } from './components/PassphraseDialog.js';
import { Position, usePositionSlot } from './components/Position.js';
import { vipMarker } from './failover/failover-lines.js';
import { failoverHintScope } from './failover/failover-ui-state.js';
import { useFailover } from './failover/useFailover.js';
import { previewNode } from './handlers/fleet-actions.js';
import { globalHandlers } from './handlers/global-handlers.js';
import { useWriteFlow } from './hooks/useWriteFlow.js';
import { createAgeTicks } from './hooks/useAgeTicks.js';
import { useCliSession } from './hooks/useCliSession.js';
import { useClock } from './hooks/useClock.js';
import { useCommands } from './hooks/useCommands.js';
import { useFirstKeyHint } from './hooks/useFirstKeyHint.js';
import { useFlash } from './hooks/useFlash.js';
import { useFleetRows } from './hooks/useFleetRows.js';
import { useNodeProgress } from './hooks/useNodeProgress.js';
import { usePassphrase } from './hooks/usePassphrase.js';
import { usePrompt } from './hooks/usePrompt.js';
import { useStoreState, type ScreenText } from './hooks/useStore.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { computeLayout } from './layout.js';
import { panelFor, panelScope } from './panels/registry.js';
import { statsHeights } from './panels/stats/stats-geometry.js';
import type { PanelProps } from './panels/types.js';
import { DrainProgress } from './progress/DrainProgress.js';
import { useDrainProgress } from './progress/useDrainProgress.js';
import { driftMarker, mapsHintScope } from './maps/maps-chrome.js';
import { useEditor } from './maps/useEditor.js';
import { useMaps } from './maps/useMaps.js';
import type { TableRow } from './rows/types.js';
import type { AppServices } from './services.js';
import { hintScopeOf } from './state/chrome.js';
import { writeHintScope } from './state/write-dialog.js';
import { initialUiState, uiReducer } from './state/ui-state.js';
import { isStatsView, type ViewId } from './state/views.js';
import { ThemeContext } from './theme-context.js';

export interface AppProps {
  services: AppServices;
  keymap: Keymap;
  theme: Theme;
  initialView?: ViewId;
  /** Shown in the flash line at start (theme or keymap problems). */
  startupMessage?: string;
}

// Text of any kind is measured from the first render on; the first frame, drawn before this module loads, does
// without string-width where it can (text-width.ts).
provideFullWidth(fullWidth);

export function App({ services, keymap, theme, initialView = 'status', startupMessage }: AppProps) {
  const { exit } = useApp();
  const size = useTerminalSize();
  const layout = computeLayout(size.columns, size.rows);
  // Set by the stats views: the ages they show, which a poll that changed nothing still moves.
  const screenText = useRef<ScreenText | null>(null);
  const ageTicks = useMemo(createAgeTicks, []);
  const store = useStoreState(services.store, screenText);
  const [ui, dispatch] = useReducer(uiReducer, initialView, initialUiState);
  const flash = useFlash(dispatch);
  const hint = useFirstKeyHint(services.hint);
  useEffect(() => {
    if (startupMessage) flash(startupMessage, 'error');
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- the start-up message is shown once, at mount
  const sort = isStatsView(ui.view) && ui.sort ? { view: ui.view, column: ui.sort.column, desc: ui.sort.desc, trends: services.store.trends } : null;
  const data = useFleetRows(services, store, ui.filters.table, ui.expanded, sort);
  const now = useClock(services.now, store.changedCells, data.lbs.some((l) => l.stale || l.down));
  const flow = useWriteFlow(services, flash, () => dispatch({ type: 'view', view: 'output' }));
  // A node name on several machines: the chooser lists them; picking one previews that machine.
  const [choice, setChoice] = useState<NodeChoice | null>(null);
  const node = { services, fleet: data.fleet, preview: flow.preview, choose: setChoice, flash };
  useNodeProgress(services, flash);
  const drain = useDrainProgress(services, flow);
  // An SSH key's passphrase asked by the pool: the dialog owns the keyboard; polling goes on underneath.
  const passphrase = usePassphrase(services);
  const cli = useCliSession(services, data.fleet.lbs.map((h) => h.name), ui.scope);
  // The stats row a panel opened from there acts on (SESSIONS of the selected server, …).
  const selected = useRef<TableRow | null>(null);
  const slot = usePositionSlot();
  const setPosition = useCallback((text: string) => slot.set(ui.view, text), [slot, ui.view]);
  // Off the fleet table no backend is on screen: only state changes pull servers in (useReadFocus.ts).
  useEffect(() => void (isStatsView(ui.view) || services.focus?.(new Set())), [services, ui.view]);

  const maps = useMaps(services.maps, services.now, flash, flow, () => dispatch({ type: 'view', view: 'trace' }));
  const editor = useEditor(services.maps?.editText);
  const failover = useFailover(services.failover, flow);
  const dialogOpen = flow.dialog !== null;
  const progressShown = drain.open && drain.follow !== null && !dialogOpen;
  const panel = panelFor(ui.view);
  const scope = progressShown ? 'progress' : panel ? panelScope(panel, ui) : 'global';
  const keysFree = !dialogOpen && choice === null && passphrase === null && ui.prompt === null && maps.state.dialog === null && failover.ui.dialog === null;
  useCommands(keymap, scope, globalHandlers({ ui, dispatch, services, quit: exit, flash }), { isActive: keysFree, onMessage: flash });
  const listHeight = statsHeights(layout.body, ui.detail && isStatsView(ui.view), data.lbs.length).list;
  const candidates = usePrompt({ ui, dispatch, keymap, fleet: data.fleet, rows: data.rows, allRows: data.allRows, geometry: { height: listHeight }, isActive: !dialogOpen && choice === null && passphrase === null && ui.prompt !== null, flash, onNode: (name) => previewNode(node, name) });

  if (layout.tooSmall) {
    return <Text wrap="truncate">lbtop needs a terminal of at least 8 rows (this one has {size.rows}); q quits</Text>;
  }
  const props: PanelProps = {
    services, fleet: data.fleet, keymap, width: layout.width, height: layout.body, now, selection: selected.current, isActive: keysFree,
    preview: flow.preview, flash, go: (view) => dispatch({ type: 'view', view }), setPosition,
    shell: { ui, dispatch, rows: data, store, cli, choose: setChoice, drain, screenText, ageTicks, selected, maps: { api: maps, edit: editor }, failover },
  };
  const chooserShown = choice !== null && !dialogOpen;
  const hintScope = passphrase ? 'passphrase' : chooserShown ? 'chooser' : progressShown ? 'progress' : writeHintScope(flow.dialog) ?? failoverHintScope(failover.ui.dialog) ?? mapsHintScope(maps.state.dialog) ?? hintScopeOf(ui.prompt, scope);
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" height={layout.frame} width={layout.width} overflow="hidden">
        <Header width={layout.width} version={services.version} clusters={data.fleet.clusters.filter((c) => !c.implicit).map((c) => c.name)} lbs={data.fleet.lbs} readOnly={keymap.readOnly}
          scope={ui.scope} view={ui.view} filter={isStatsView(ui.view) ? ui.filters.table : ui.view === 'events' ? ui.filters.events : ''} expanded={ui.expanded}
          position={<Position slot={slot} view={ui.view} />} now={now} marker={[driftMarker(maps.state.drift), vipMarker(failover.data)].filter(Boolean).join('  ') || undefined} />
        <Box flexDirection="column" height={layout.body} overflow="hidden">
          {passphrase ? (
            <PassphraseDialog request={passphrase} height={layout.body} width={layout.width} keymap={keymap} onMessage={flash} />
          ) : chooserShown ? (
            <NodeChooser choice={choice} height={layout.body} keymap={keymap} onMessage={flash} onMove={(index) => setChoice({ ...choice, index })}
              onCancel={() => { setChoice(null); flash('no machine picked: nothing planned', 'info'); }}
              onPick={(address) => { setChoice(null); previewNode({ ...node, choose: undefined }, address, choice.action); }} />
          ) : dialogOpen ? (
            <DialogSlot flow={flow} height={layout.body} keymap={keymap} flash={flash} staleLbs={data.lbs.filter((l) => l.stale).map((l) => l.name)} />
          ) : progressShown ? (
            <DrainProgress {...props} />
          ) : panel ? (
            <panel.Component {...props} />
          ) : null}
        </Box>
        <Footer width={layout.width} hints={hintsFor(keymap, hintScope)} readOnly={keymap.readOnly} flash={ui.flash ?? hint} prompt={ui.prompt} candidates={candidates} />
      </Box>
    </ThemeContext.Provider>
  );
}
