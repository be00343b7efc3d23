// The header's three lines and the footer's two, as styled text: Header.tsx and Footer.tsx hand them to Ink as
// one text each (a <Text> per word made Ink's per-frame text squashing and layout a large part of every frame),
// and the first frame (src/ui/first-frame/) writes the same lines before Ink has loaded. Pure: no Ink, no React.
import type { Hint } from '../keymap/resolve.js';
import type { LbHealth } from '../model/fleet.js';
import type { Theme, Token } from '../theme/tokens.js';
import { healthItems } from './rows/fleet-health.js';
import type { healthLabel } from './rows/health.js';
import type { Flash, PromptState } from './state/ui-state.js';
import { VIEWS, type ViewId } from './state/views.js';
import { styled, truncated } from './styled-text.js';
import { tokenProps } from './token-props.js';

export interface HeaderProps {
  version: string;
  clusters: readonly string[];
  lbs: readonly LbHealth[];
  readOnly: boolean;
  scope: string | null;
  view: ViewId;
  filter: string;
  expanded: boolean;
  position: string;
  now: number;
  /** A warning of the map editor for the title line ("DRIFT 3 vs disk"). */
  marker?: string;
}

export interface FooterProps {
  hints: readonly Hint[];
  readOnly: boolean;
  flash: Flash | null;
  prompt: PromptState | null;
  /** Completions shown after a `:` prompt. */
  candidates: readonly string[];
}

const HEALTH_TOKEN: Record<ReturnType<typeof healthLabel>, Token> = {
  ok: 'header.ok',
  stale: 'header.stale',
  down: 'header.down',
  connecting: 'header.label',
};

const FLASH_TOKEN = { info: 'flash.info', ok: 'flash.ok', error: 'flash.error' } as const;

/** The header's lines, the tab line in two parts around the position: Header.tsx draws the position itself. */
export function headerParts(p: Omit<HeaderProps, 'position'>, theme: Theme, width: number): { lines: [string, string]; tabs: string; after: string } {
  const t = (text: string, token: Token) => styled(text, tokenProps(theme, token));
  const title =
    t(`lbtop ${p.version}`, 'header.title') +
    (p.readOnly ? t(' READ-ONLY ', 'header.readonly') : '') +
    (p.marker ? t(` ${p.marker} `, 'header.stale') : '') +
    t(' clusters ', 'header.label') + t(p.clusters.join(' ') || '(none)', 'text') +
    t(' │ actions on ', 'header.label') + t(p.scope === null ? 'all LBs having the backend' : `${p.scope} only`, 'text');
  const health = t('LBs ', 'header.label') + healthItems(p.lbs, p.now).map((item, i) => (i > 0 ? t(' │ ', 'header.label') : '') + t(item.text, HEALTH_TOKEN[item.label])).join('');
  // Letter-key views (V-VIPS, B-BGP) take a tab only while shown: the row must keep room for the position.
  const tabs =
    VIEWS.filter((v) => v.keyLabel === undefined || v.id === p.view).map((v) => t(` ${v.keyLabel ?? v.number}-${v.title} `, p.view === v.id ? 'tab.active' : 'tab.inactive')).join('') +
    (p.view === 'help' ? t(' ?-HELP ', 'tab.active') : '');
  const after = (p.filter ? t(`  filter: ${p.filter}`, 'prompt') : '') + (p.expanded ? t('  per-LB rows', 'header.label') : '');
  return { lines: [truncated(title, width), truncated(health, width)], tabs, after };
}

/** Title (version, clusters, read-only, scope), LB health (ok / stale / down, version, poll latency), view tabs. */
export function headerLines(p: HeaderProps, theme: Theme, width: number): string[] {
  const { lines, tabs, after } = headerParts(p, theme, width);
  return [...lines, truncated(tabs + styled(p.position ? `  ${p.position}` : '', tokenProps(theme, 'header.label')) + after, width)];
}

/** The prompt (/ filter, : jump) or the flash line, then the key hints. */
export function footerLines(p: FooterProps, theme: Theme, width: number): string[] {
  const t = (text: string, token: Token) => styled(text, tokenProps(theme, token));
  let first: string;
  if (p.prompt) {
    const jump = p.prompt.kind === 'jump';
    const after =
      (jump && p.candidates.length > 0 ? `  ${p.candidates.slice(0, 12).join('  ')}` : '') +
      (jump && p.candidates.length === 0 && p.prompt.text ? (/^find\s/i.test(p.prompt.text) ? '  (no server matches; Enter closes)' : '  (no such name)') : '');
    first = t(`${p.prompt.kind === 'filter' ? '/' : ':'}${p.prompt.text}▏`, 'prompt') + t(after, 'text.dim');
  } else {
    first = t(p.flash ? p.flash.text : ' ', p.flash ? FLASH_TOKEN[p.flash.level] : 'text');
  }
  const hints = (p.readOnly ? t(' READ-ONLY ', 'header.readonly') : '') + p.hints.map((h) => ` ${t(h.keys, 'footer.key')}${t(` ${h.label}`, 'footer.label')}`).join('');
  return [first, hints].map((line) => truncated(line, width));
}
