// Two lines: the prompt (/ filter, : jump) or the flash line, then key hints generated from the keymap. Drawn as
// one styled text (chrome-lines.ts).
import { Box, Text } from 'ink';
import { footerLines, type FooterProps } from '../chrome-lines.js';
import { useTheme } from '../theme-context.js';

export type { FooterProps } from '../chrome-lines.js';

export function Footer(p: FooterProps & { width: number }) {
  return (
    <Box flexDirection="column" height={2}>
      <Text>{footerLines(p, useTheme(), p.width).join('\n')}</Text>
    </Box>
  );
}
