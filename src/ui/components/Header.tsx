// Three lines: title (version, clusters, read-only, scope), LB health (ok / stale with age and error / down,
// version, poll latency), view tabs with filter and position. Drawn as one styled text (chrome-lines.ts).
import { Box, Text } from 'ink';
import { headerLines, type HeaderProps } from '../chrome-lines.js';
import { useTheme } from '../theme-context.js';

export type { HeaderProps } from '../chrome-lines.js';

export function Header(p: HeaderProps & { width: number }) {
  return (
    <Box flexDirection="column" height={3}>
      <Text>{headerLines(p, useTheme(), p.width).join('\n')}</Text>
    </Box>
  );
}
