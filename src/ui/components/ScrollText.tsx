// A fixed-height window over lines of styled text (dialogs, help, CLI output): like WindowedTable, it only
// renders what fits, and never wraps (a wrapped line would push the frame past the terminal height).
import { Box, Text } from 'ink';
import type { Line } from '../../present/line.js';
import { tokenProps, useTheme } from '../theme-context.js';

export function ScrollText({ lines, height, top }: { lines: readonly Line[]; height: number; top: number }) {
  const theme = useTheme();
  const start = Math.max(0, Math.min(top, lines.length - height));
  const visible = lines.slice(start, start + height);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {visible.map((line, i) => (
        <Text key={i} wrap="truncate">
          {line.length === 0 ? ' ' : line.map((s, j) => (
            <Text key={j} {...(s.token ? tokenProps(theme, s.token) : {})}>
              {s.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}

// Re-exported for the TUI's line builders that have not moved to src/present yet.
export { plain, type Line, type Segment } from '../../present/line.js';
