// Full-screen follow-up of a node drain: sessions and queue of every drained (LB, backend, server) falling to
// zero, elapsed time and timeout, then the offer to put the node in maintenance. Esc leaves it; the follow
// goes on in the background (the flash line keeps reporting it) and P brings it back.
import { Box } from 'ink';
import { ScrollText } from '../components/ScrollText.js';
import type { DrainFollow } from './useDrainProgress.js';
import { drainRows, drainStatus } from './drain-lines.js';

export function DrainProgressView({ follow, height, top, now }: { follow: DrainFollow; height: number; top: number; now: number }) {
  const rows = drainRows(follow);
  const listHeight = Math.max(1, height - 2);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <ScrollText lines={[drainStatus(follow, now)]} height={1} top={0} />
      <ScrollText lines={rows.slice(0, 1)} height={1} top={0} />
      <ScrollText lines={rows.slice(1)} height={listHeight} top={top} />
    </Box>
  );
}
