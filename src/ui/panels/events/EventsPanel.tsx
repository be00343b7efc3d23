// View 6: the event timeline, newest first, filtered by `/` (the App's prompt). Its selection lives in the App's
// state, so it is where it was when the operator comes back.
import { Box } from 'ink';
import { useLayoutEffect } from 'react';
import { positionText } from '../../state/chrome.js';
import { listGeometry, listNav } from '../../state/list-geometry.js';
import type { PanelProps } from '../types.js';
import { usePanelKeys } from '../usePanelKeys.js';
import { EventsView } from './EventsView.js';
import { useEventRows } from './useEventRows.js';

const none = () => undefined;

export function EventsPanel(props: PanelProps) {
  const { shell, width, height, setPosition } = props;
  const { ui, dispatch } = shell;
  const events = useEventRows(shell.store.events, ui.filters.events);
  // One line of the body is the column header.
  const list = listGeometry(ui.lists.events, events.length, Math.max(1, height - 1), none, none);
  const position = positionText('event', list.index, events.length);
  useLayoutEffect(() => setPosition(position), [setPosition, position]);
  usePanelKeys(props, 'events', {
    ...listNav('events', list, dispatch),
    'filter.open': () => dispatch({ type: 'prompt.open', kind: 'filter', list: 'events' }),
    'filter.clear': {
      disabled: () => (ui.filters.events === '' ? 'no filter to clear (/ starts one)' : null),
      run: () => dispatch({ type: 'filter.clear', list: 'events' }),
    },
  });
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <EventsView events={events} width={width} height={list.height} selected={list.index} top={list.top} filtered={ui.filters.events !== ''} />
    </Box>
  );
}
