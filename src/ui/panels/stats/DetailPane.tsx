// The detail pane under the fleet table (Enter on a row, Esc closes): detail-lines.ts drawn line by line. It
// follows the selection, so j/k walk the table with the pane open.
import { Box, Text } from 'ink';
import type { TimelineEvent } from '../../../model/events.js';
import type { TrendReader } from '../../../store/trends.js';
import type { TableRow } from '../../rows/types.js';
import { tokenProps, useTheme } from '../../theme-context.js';
import { detailLines } from './detail-lines.js';

export interface DetailPaneProps {
  row: TableRow | undefined;
  trends?: TrendReader;
  events: readonly TimelineEvent[];
  width: number;
  height: number;
}

export function DetailPane(p: DetailPaneProps) {
  const theme = useTheme();
  const lines = p.row ? detailLines(p.row, { trends: p.trends, events: p.events, width: p.width, height: p.height, ascii: theme.ascii }) : [{ text: 'no row selected' }];
  return (
    <Box flexDirection="column" height={p.height} overflow="hidden">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate" {...(line.token ? tokenProps(theme, line.token) : {})}>
          {line.text || ' '}
        </Text>
      ))}
    </Box>
  );
}
