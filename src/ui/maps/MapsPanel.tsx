// The map editor's views (7 MAPS/ACLS, 8 DRIFT, 9 CERTS, and TRACE) as a panel: their keys (scope `maps`,
// maps-handlers.ts) and their body (MapsBody, which shows the maps dialog in its place while one is
// open). Their state and the write flow stay the App's (PanelProps.shell.maps): the header's drift marker
// reads it in every view.
import type { PanelProps } from '../panels/types.js';
import { usePanelKeys } from '../panels/usePanelKeys.js';
import { mapsHandlers } from './maps-handlers.js';
import { MapsBody } from './MapsBody.js';
import type { MapsView } from './maps-state.js';

export function MapsPanel(props: PanelProps) {
  const { shell, height, keymap, flash } = props;
  const view = shell.ui.view as MapsView;
  const available = props.services.maps !== undefined;
  const api = shell.maps.api;
  usePanelKeys(props, 'maps', mapsHandlers({ api, view, page: Math.max(1, height - 3), go: props.go, edit: shell.maps.edit, available }));
  return <MapsBody view={view} api={api} height={height} keymap={keymap} available={available} onMessage={flash} />;
}
