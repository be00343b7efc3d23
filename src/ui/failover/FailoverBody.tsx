// The VIPS and BGP views in the body area (one line per row, the cursor's line highlighted), or their dialog.
import { Box } from 'ink';
import type { Keymap } from '../../keymap/resolve.js';
import { ScrollText, type Line } from '../components/ScrollText.js';
import { bgpLines, vipLines } from './failover-lines.js';
import { FailoverDialogView } from './FailoverDialogView.js';
import type { FailoverView } from './failover-ui-state.js';
import type { FailoverApi } from './useFailover.js';

export interface FailoverBodyProps {
  view: FailoverView;
  api: FailoverApi;
  width: number;
  height: number;
  keymap: Keymap;
  onMessage(text: string, level: 'info' | 'error'): void;
}

export function FailoverBody(p: FailoverBodyProps) {
  if (p.api.ui.dialog) return <FailoverDialogView api={p.api} height={p.height} keymap={p.keymap} onMessage={p.onMessage} />;
  const { head, body } = p.view === 'vips' ? vipLines(p.api.data, p.width) : bgpLines(p.api.data);
  const cursor = p.api.ui.cursor[p.view];
  const height = Math.max(1, p.height - head.length);
  const top = Math.max(0, Math.min(cursor - Math.floor(height / 2), body.length - height));
  const marked = body.map((line, i): Line => (i === cursor ? line.map((s) => ({ ...s, token: 'row.selected' as const })) : line));
  return (
    <Box flexDirection="column" height={p.height} overflow="hidden">
      <ScrollText lines={head} height={head.length} top={0} />
      <ScrollText lines={marked} height={height} top={top} />
    </Box>
  );
}
