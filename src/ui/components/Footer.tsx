// Two lines: the prompt (/ filter, : jump) or the flash line, then key hints generated from the keymap.
import { Box, Text } from 'ink';
import type { Hint } from '../../keymap/resolve.js';
import type { Flash, PromptState } from '../state/ui-state.js';
import { tokenProps, useTheme } from '../theme-context.js';

export interface FooterProps {
  hints: readonly Hint[];
  readOnly: boolean;
  flash: Flash | null;
  prompt: PromptState | null;
  /** Completions shown after a `:` prompt. */
  candidates: readonly string[];
}

const FLASH_TOKEN = { info: 'flash.info', ok: 'flash.ok', error: 'flash.error' } as const;

export function Footer({ hints, readOnly, flash, prompt, candidates }: FooterProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" height={2}>
      {prompt ? (
        <Text wrap="truncate">
          <Text {...tokenProps(theme, 'prompt')}>
            {prompt.kind === 'filter' ? '/' : ':'}
            {prompt.text}▏
          </Text>
          <Text {...tokenProps(theme, 'text.dim')}>
            {prompt.kind === 'jump' && candidates.length > 0 ? `  ${candidates.slice(0, 12).join('  ')}` : ''}
            {prompt.kind === 'jump' && candidates.length === 0 && prompt.text ? (/^find\s/i.test(prompt.text) ? '  (no server matches; Enter closes)' : '  (no such name)') : ''}
          </Text>
        </Text>
      ) : (
        <Text wrap="truncate" {...tokenProps(theme, flash ? FLASH_TOKEN[flash.level] : 'text')}>
          {flash ? flash.text : ' '}
        </Text>
      )}
      <Text wrap="truncate">
        {readOnly ? <Text {...tokenProps(theme, 'header.readonly')}> READ-ONLY </Text> : null}
        {hints.map((h) => (
          <Text key={`${h.keys}:${h.label}`}>
            {' '}
            <Text {...tokenProps(theme, 'footer.key')}>{h.keys}</Text>
            <Text {...tokenProps(theme, 'footer.label')}> {h.label}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
