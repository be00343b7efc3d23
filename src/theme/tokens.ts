// Semantic colour tokens: the UI asks for "status.down", never for "red" (gemini-cli). Themes in themes/*.yaml
// fill them; what a theme leaves out comes from FALLBACK, which uses no colour at all so it reads on any
// terminal background (and is the whole of the NO_COLOR theme's idea).

export interface Style {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

export const TOKENS = [
  'text',
  'text.dim',
  'header.title',
  'header.label',
  'header.ok',
  'header.stale',
  'header.down',
  'header.readonly',
  'tab.active',
  'tab.inactive',
  'table.header',
  'row.cluster',
  'row.frontend',
  'row.backend',
  'row.server',
  'row.sublb',
  'row.selected',
  'cell.changed',
  'cell.stale',
  'cell.mismatch',
  'status.up',
  'status.down',
  'status.drain',
  'status.maint',
  'status.open',
  'status.nolb',
  'status.unknown',
  'flash.info',
  'flash.ok',
  'flash.error',
  'footer.key',
  'footer.label',
  'prompt',
  'dialog.border',
  'dialog.title',
  'dialog.danger',
  'dialog.warning',
  'dialog.command',
  'report.verified',
  'report.unverified',
  'report.failed',
  'report.skipped',
  'event.time',
] as const;

export type Token = (typeof TOKENS)[number];

export interface Theme {
  name: string;
  styles: Readonly<Record<Token, Style>>;
  /** The terminal does not take UTF-8 (glyphs.ts): sparklines and sort arrows in ASCII. */
  ascii?: boolean;
}

/** No colour: emphasis by bold, dim, underline and reverse video only. */
export const FALLBACK: Readonly<Record<Token, Style>> = {
  text: {},
  'text.dim': { dim: true },
  'header.title': { bold: true },
  'header.label': { dim: true },
  'header.ok': {},
  'header.stale': { bold: true, underline: true },
  'header.down': { bold: true, inverse: true },
  'header.readonly': { bold: true, inverse: true },
  'tab.active': { bold: true, inverse: true },
  'tab.inactive': {},
  'table.header': { bold: true, underline: true },
  'row.cluster': { bold: true, underline: true },
  'row.frontend': { bold: true },
  'row.backend': { bold: true },
  'row.server': {},
  'row.sublb': { dim: true },
  'row.selected': { inverse: true },
  'cell.changed': { bold: true, underline: true },
  'cell.stale': { dim: true, italic: true },
  'cell.mismatch': { underline: true },
  'status.up': {},
  'status.down': { bold: true, inverse: true },
  'status.drain': { bold: true },
  'status.maint': { bold: true, underline: true },
  'status.open': {},
  'status.nolb': { bold: true },
  'status.unknown': { dim: true },
  'flash.info': {},
  'flash.ok': { bold: true },
  'flash.error': { bold: true, inverse: true },
  'footer.key': { bold: true },
  'footer.label': { dim: true },
  prompt: { bold: true },
  'dialog.border': {},
  'dialog.title': { bold: true },
  'dialog.danger': { bold: true, inverse: true },
  'dialog.warning': { bold: true },
  'dialog.command': { bold: true },
  'report.verified': { bold: true },
  'report.unverified': { underline: true },
  'report.failed': { bold: true, inverse: true },
  'report.skipped': { dim: true },
  'event.time': { dim: true },
};

export const MONO: Theme = { name: 'mono', styles: FALLBACK };
