// Three lines: title (version, clusters, read-only, scope), LB health (ok / stale with age and error / down,
// version, poll latency), view tabs with filter and position. Drawn as styled text (chrome-lines.ts); the
// position is its own component (Position.tsx), so a cursor move re-renders it alone.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { headerParts, type HeaderProps } from '../chrome-lines.js';
import { tokenProps, useTheme } from '../theme-context.js';

export function Header(p: Omit<HeaderProps, 'position'> & { width: number; /** "  row 12/10101" (Position.tsx) */ position: ReactNode }) {
  const theme = useTheme();
  const { lines, tabs, after } = headerParts(p, theme, p.width);
  return (
    <Box flexDirection="column" height={3}>
      <Text>{lines.join('\n')}</Text>
      <Text wrap="truncate">
        {tabs}
        <Text {...tokenProps(theme, 'header.label')}>{p.position}</Text>
        {after}
      </Text>
    </Box>
  );
}
