// The composition: store → fleet → rows → the current view, between a header and a footer; keys go through
// the keymap to handler tables. State lives in one reducer (ui-state.ts) and a few hooks; this file wires them.
import { Box, Text, useApp } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Scope } from '../keymap/bindings.js';
import { hintsFor, type Keymap } from '../keymap/resolve.js';
import type { Theme } from '../theme/tokens.js';
import { mainHandlers, type ListGeometry } from './handlers/main-handlers.js';
import { fleetActionHandlers, previewNode } from './handlers/fleet-actions.js';
import { serverActionHandlers } from './panels/stats/server-actions.js';
import { userCommandHandlers } from './handlers/user-commands.js';
import { tableHandlers } from './panels/stats/table-handlers.js';
import { detailHeight } from './panels/stats/detail-lines.js';
import { Body } from './components/Body.js';
import { agesOnScreen } from './columns/index.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { useActionFlow } from './hooks/useActionFlow.js';
import { useCliSession } from './hooks/useCliSession.js';
import { useClock } from './hooks/useClock.js';
import { useCommands } from './hooks/useCommands.js';
import { useEventRows } from './panels/events/useEventRows.js';
import { useFlash } from './hooks/useFlash.js';
import { useFirstKeyHint } from './hooks/useFirstKeyHint.js';
import { useNodeProgress } from './hooks/useNodeProgress.js';
import { useDrainProgress } from './progress/useDrainProgress.js';
import { usePassphrase } from './hooks/usePassphrase.js';
import { PassphraseDialog } from './components/PassphraseDialog.js';
import { NodeChooser, type NodeChoice } from './components/NodeChooser.js';
import { DrainProgressView } from './progress/DrainProgressView.js';
import { useFleetRows } from './hooks/useFleetRows.js';
import { useReadFocus } from './hooks/useReadFocus.js';
import { usePrompt } from './hooks/usePrompt.js';
import { createAgeTicks } from './hooks/useAgeTicks.js';
import { useStoreState, type ScreenText } from './hooks/useStore.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { computeLayout } from './layout.js';
import type { AppServices } from './services.js';
import { hintScopeOf, positionText } from './state/chrome.js';
import { locate, settle, type Selection } from './state/selection.js';
import { initialUiState, uiReducer } from './state/ui-state.js';
import { isPanelView, isStatsView, VIEWS, type ViewId } from './state/views.js';
import { PANELS } from './panels/registry.js';
import type { TableRow } from './rows/types.js';
import { RoutingBody } from './routing/RoutingBody.js';
import { driftMarker, routingHintScope } from './routing/routing-chrome.js';
import { routingHandlers, routingViewKeys } from './routing/routing-handlers.js';
import { isRoutingView } from './routing/routing-state.js';
import { useEditor } from './routing/useEditor.js';
import { useRouting } from './routing/useRouting.js';
import { FailoverBody } from './failover/FailoverBody.js';
import { failoverHandlers, failoverViewKeys } from './failover/failover-handlers.js';
import { vipMarker } from './failover/failover-lines.js';
import { failoverHintScope, isFailoverView } from './failover/failover-ui-state.js';
import { useFailover } from './failover/useFailover.js';
import { ThemeContext } from './theme-context.js';
import { helpLines } from './panels/help/help-lines.js';
import { endSessionsRefusal, previewLeftSessions } from './progress/drain-sessions.js';

export interface AppProps {
  services: AppServices;
  keymap: Keymap;
  theme: Theme;
  initialView?: ViewId;
  /** Shown in the flash line at start (theme or keymap problems). */
  startupMessage?: string;
}

function geometry(sel: Selection, count: number, height: number, keyAt: (i: number) => string | undefined, indexOf: (k: string) => number | undefined): ListGeometry {
  const at = settle(count, height, locate(sel, count, keyAt, indexOf), sel.top);
  return { count, height, index: at.index, top: at.top, keyAt };
}

export function App({ services, keymap, theme, initialView = 'status', startupMessage }: AppProps) {
  const { exit } = useApp();
  const size = useTerminalSize();
  const layout = computeLayout(size.columns, size.rows);
  // Set below, once the rows on screen are known: the ages they show, which a poll that changed nothing still moves.
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
  const events = useEventRows(store.events, ui.filters.events);
  const help = useMemo(() => helpLines(keymap), [keymap]);
  const lbNames = useMemo(() => data.fleet.lbs.map((h) => h.name), [data.fleet]);
  const now = useClock(services.now, store.changedCells, data.lbs.some((l) => l.stale || l.down));
  const flow = useActionFlow(services, flash, () => dispatch({ type: 'view', view: 'output' }));
  // A node name on several machines: the chooser lists them; picking one previews that machine.
  const [choice, setChoice] = useState<NodeChoice | null>(null);
  useNodeProgress(services, flash);
  const drain = useDrainProgress(services, flow);
  // An SSH key's passphrase asked by the pool: the dialog owns the keyboard; polling goes on underneath.
  const passphrase = usePassphrase(services);
  const cli = useCliSession(services, lbNames, ui.scope);

  // The detail pane (Enter) takes the lower part of the body, at most 60% of it; the table keeps the rest.
  const detailShown = ui.detail && isStatsView(ui.view);
  const detailLinesHeight = detailShown ? Math.min(detailHeight(data.lbs.length), Math.floor(layout.body * 0.6)) : 0;
  const listHeight = Math.max(1, layout.body - 1 - detailLinesHeight);
  const table = geometry(ui.lists.table, data.rows.length, listHeight, (i) => data.rows[i]?.key, data.indexOf);
  const eventList = geometry(ui.lists.events, events.length, listHeight, () => undefined, () => undefined);
  // Help has no cursor, only a scroll position.
  const helpTop = Math.min(ui.lists.help.top, Math.max(0, help.length - layout.body));
  const helpList = { count: help.length, height: layout.body, index: helpTop, top: helpTop, keyAt: () => undefined };
  const selectedRow = isStatsView(ui.view) ? data.rows[table.index] : undefined;
  // What a panel opened from a stats view acts on (SESSIONS of the selected server, …).
  const lastRow = useRef<TableRow | null>(null);
  if (isStatsView(ui.view)) lastRow.current = selectedRow ?? null;
  const panel = isPanelView(ui.view) ? PANELS[ui.view] : undefined;
  // The panel's "line 3/20", kept with the view that said it: a panel that says nothing shows nothing.
  const [panelPosition, setPanelPosition] = useState({ view: ui.view, text: '' });
  const setPosition = useCallback((text: string) => setPanelPosition({ view: ui.view, text }), [ui.view]);
  if (isStatsView(ui.view)) {
    const view = ui.view;
    const onScreen = data.rows.slice(table.top, table.top + table.height);
    const moving = { lbs: data.lbs, trends: services.store.trends };
    screenText.current = { drawn: agesOnScreen(view, onScreen, moving), now: () => agesOnScreen(view, onScreen, moving), ticks: ageTicks };
  } else screenText.current = null;
  useReadFocus(services.focus, isStatsView(ui.view) ? data.rows : null, table.top, table.height);

  const routing = useRouting(services.routing, services.now, flash, flow.preview, () => dispatch({ type: 'view', view: 'trace' }));
  const editor = useEditor(services.routing?.editText);
  const failover = useFailover(services.failover, flash);
  const scope: Scope = isStatsView(ui.view) ? (detailShown ? 'detail' : 'table') : isRoutingView(ui.view) ? 'routing' : isFailoverView(ui.view) ? 'failover' : isPanelView(ui.view) ? (panel?.scope ?? 'global') : ui.view;
  const handlers = mainHandlers({
    ui,
    dispatch,
    keymap,
    lists: { table, events: eventList, help: helpList },
    lbNames,
    cli,
    cliPage: Math.max(1, layout.body - 3),
    server: {
      ...serverActionHandlers({ services, fleet: data.fleet, row: selectedRow, scope: ui.scope, preview: flow.preview, flash }),
      ...fleetActionHandlers({ services, fleet: data.fleet, row: selectedRow, preview: flow.preview, choose: setChoice, flash }),
    },
    quit: () => exit(),
    flash,
  });
  Object.assign(handlers, tableHandlers({ ui, dispatch, lbs: data.lbs, row: selectedRow, flash }));
  Object.assign(handlers, routingViewKeys((view) => dispatch({ type: 'view', view })));
  if (isRoutingView(ui.view)) {
    Object.assign(handlers, routingHandlers({ api: routing, view: ui.view, page: Math.max(1, layout.body - 3), go: (view) => dispatch({ type: 'view', view }), edit: editor, available: services.routing !== undefined }));
  }
  Object.assign(handlers, failoverViewKeys((view) => dispatch({ type: 'view', view })));
  if (isFailoverView(ui.view)) Object.assign(handlers, failoverHandlers(failover, ui.view, Math.max(1, layout.body - 3), services.failover !== undefined));
  for (const view of VIEWS) {
    if (!isPanelView(view.id)) continue;
    const id = view.id;
    handlers[view.command as `view.${typeof id}`] = { disabled: () => (PANELS[id] ? null : `${view.title} is not available in this build`), run: () => dispatch({ type: 'view', view: id }) };
  }
  // lbtop.yaml's `commands:` on the selected row or VIP; Esc from their OUTPUT goes back where they were run.
  Object.assign(handlers, userCommandHandlers({ services, fleet: data.fleet, row: selectedRow, targetLb: ui.scope, vip: ui.view === 'vips' ? failover.data.vips[failover.ui.cursor.vips] : undefined, preview: flow.preview, showOutput: () => dispatch({ type: 'view', view: 'output' }), flash }));
  handlers['output.back'] = () => dispatch({ type: 'view', view: ui.back === 'output' ? 'status' : ui.back });
  const dialogOpen = flow.dialog !== null;
  const progressShown = drain.open && drain.follow !== null && !dialogOpen;
  const progressHeight = Math.max(1, layout.body - 2); // status line and column header above the rows
  handlers['node.progress'] = { disabled: () => (drain.follow ? null : 'no node drain in this session yet (N on a server row starts one)'), run: drain.show };
  if (progressShown) {
    const rowsCount = drain.follow!.progress.rows.length;
    const to = (top: number) => () => drain.scroll(Math.max(0, Math.min(Math.max(0, rowsCount - progressHeight), top)));
    Object.assign(handlers, {
      'progress.close': () => {
        drain.close();
        flash(`${drain.follow!.node}: the follow-up goes on here in the flash line; P shows it again`, 'info');
      },
      // A drain stuck past its timeout: end what is left on its servers (a plan, previewed like any write).
      'progress.endSessions': {
        disabled: () => endSessionsRefusal(drain.follow!, services),
        run: () => void previewLeftSessions(drain.follow!, services, flow.preview, flash),
      },
      'progress.maint': {
        disabled: () => (drain.follow!.action === 'maint' ? `${drain.follow!.node} is already in maintenance` : null),
        run: () => previewNode({ services, fleet: data.fleet, preview: flow.preview, choose: setChoice, flash }, drain.follow!.address ?? drain.follow!.node, 'maint'),
      },
      'nav.down': to(drain.top + 1),
      'nav.up': to(drain.top - 1),
      'nav.pageDown': to(drain.top + progressHeight - 1),
      'nav.pageUp': to(drain.top - progressHeight + 1),
      'nav.home': to(0),
      'nav.end': to(rowsCount),
    });
  }
  const keysFree = !dialogOpen && choice === null && passphrase === null && ui.prompt === null && routing.state.dialog === null && failover.ui.dialog === null;
  useCommands(keymap, progressShown ? 'progress' : scope, handlers, {
    isActive: keysFree,
    onMessage: flash,
    onText: (key) => ui.view === 'cli' && cli.edit(key),
  });
  const candidates = usePrompt({ ui, dispatch, keymap, fleet: data.fleet, rows: data.rows, allRows: data.allRows, geometry: table, isActive: !dialogOpen && choice === null && passphrase === null && ui.prompt !== null, flash, onNode: (name) => previewNode({ services, fleet: data.fleet, preview: flow.preview, choose: setChoice, flash }, name) });

  if (layout.tooSmall) {
    return <Text wrap="truncate">lbtop needs a terminal of at least 8 rows (this one has {size.rows}); q quits</Text>;
  }
  const position = isStatsView(ui.view)
    ? positionText('row', table.index, data.rows.length)
    : ui.view === 'events'
      ? positionText('event', eventList.index, events.length)
      : panel
        ? (panelPosition.view === ui.view ? panelPosition.text : '')
        : ui.view === 'cli'
        ? `to ${cli.state.lb}`
        : '';
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" height={layout.frame} width={layout.width} overflow="hidden">
        <Header
          version={services.version}
          clusters={data.fleet.clusters.filter((c) => !c.implicit).map((c) => c.name)}
          lbs={data.fleet.lbs}
          readOnly={keymap.readOnly}
          scope={ui.scope}
          view={ui.view}
          filter={isStatsView(ui.view) ? ui.filters.table : ui.view === 'events' ? ui.filters.events : ''}
          expanded={ui.expanded}
          position={position}
          now={now}
          marker={[driftMarker(routing.state.drift), vipMarker(failover.data)].filter(Boolean).join('  ') || undefined}
        />
        {passphrase ? (
          <PassphraseDialog request={passphrase} height={layout.body} width={layout.width} keymap={keymap} onMessage={flash} />
        ) : choice && !dialogOpen ? (
          <NodeChooser choice={choice} height={layout.body} keymap={keymap} onMessage={flash}
            onMove={(index) => setChoice({ ...choice, index })}
            onCancel={() => { setChoice(null); flash('no machine picked: nothing planned', 'info'); }}
            onPick={(address) => { setChoice(null); previewNode({ services, fleet: data.fleet, preview: flow.preview, flash }, address, choice.action); }} />
        ) : progressShown ? (
          <DrainProgressView follow={drain.follow!} height={layout.body} top={drain.top} now={now} />
        ) : isRoutingView(ui.view) && !dialogOpen ? (
          <RoutingBody view={ui.view} api={routing} height={layout.body} keymap={keymap} available={services.routing !== undefined} onMessage={flash} />
        ) : panel && !dialogOpen ? (
          <panel.Component services={services} fleet={data.fleet} keymap={keymap} width={layout.width} height={layout.body} now={now}
            selection={lastRow.current} isActive={keysFree && !progressShown} preview={flow.preview} flash={flash}
            go={(view) => dispatch({ type: 'view', view })} setPosition={setPosition} />
        ) : isFailoverView(ui.view) && !dialogOpen ? (
          <FailoverBody view={ui.view} api={failover} width={layout.width} height={layout.body} keymap={keymap} onMessage={flash} />
        ) : <Body
          ui={ui}
          layout={layout}
          data={data}
          table={table}
          events={events}
          eventList={eventList}
          help={help}
          helpTop={helpTop}
          cli={cli.state}
          store={store}
          now={now}
          flow={flow}
          keymap={keymap}
          flash={flash}
          ageTicks={ageTicks}
          trends={services.store.trends}
          detailHeight={detailLinesHeight}
        />}
        <Footer hints={hintsFor(keymap, passphrase ? 'passphrase' : choice && !dialogOpen ? 'chooser' : progressShown ? 'progress' : failoverHintScope(failover.ui.dialog) ?? routingHintScope(routing.state.dialog) ?? hintScopeOf(flow.dialog, ui.prompt, scope))} readOnly={keymap.readOnly} flash={ui.flash ?? hint} prompt={ui.prompt} candidates={candidates} />
      </Box>
    </ThemeContext.Provider>
  );
}
