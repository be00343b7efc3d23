// A fixed-height window over lines of styled text (dialogs, help, CLI output): like WindowedTable, it only
// renders what fits, and never wraps (a wrapped line would push the frame past the terminal height).
import { Box, Text } from 'ink';
import type { Token } from '../../theme/tokens.js';
import { tokenProps, useTheme } from '../theme-context.js';

export interface Segment {
  text: string;
  token?: Token;
}

export type Line = readonly Segment[];

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

export const plain = (text: string, token?: Token): Line => [{ text, token }];
