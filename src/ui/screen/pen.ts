// The SGR state ("pen") of a terminal cell: attributes and colours, read from the `ESC [ … m` codes Ink writes,
// and the shortest code that moves the terminal from one pen to another. The screen writer (screen-writer.ts)
// keeps one small integer per cell: a pen interned here, so two cells compare by number.

/** Attribute bits, with the SGR codes that set and clear them. */
const ATTRS: readonly { bit: number; on: string; off: string }[] = [
  { bit: 1, on: '1', off: '22' },
  { bit: 2, on: '2', off: '22' },
  { bit: 4, on: '3', off: '23' },
  { bit: 8, on: '4', off: '24' },
  { bit: 16, on: '5', off: '25' },
  { bit: 32, on: '7', off: '27' },
  { bit: 64, on: '8', off: '28' },
  { bit: 128, on: '9', off: '29' },
  { bit: 256, on: '53', off: '55' },
];
const ON: Record<string, number> = Object.fromEntries(ATTRS.map((a) => [a.on, a.bit]));
const OFF: Record<string, number> = { '22': 3, '23': 4, '24': 8, '25': 16, '27': 32, '28': 64, '29': 128, '55': 256 };

export interface Pen {
  attrs: number;
  /** SGR parameters of the colour ("31", "38;5;208", "38;2;1;2;3"); '' is the terminal's default. */
  fg: string;
  bg: string;
  /** Underline colour (58); rare, kept so it is neither lost nor leaked. */
  ul: string;
}

export const DEFAULT_PEN: Readonly<Pen> = { attrs: 0, fg: '', bg: '', ul: '' };

/** Applies the parameters of one `ESC [ params m` to `pen` (in place). Unknown parameters are ignored. */
export function applySgr(pen: Pen, params: string): void {
  const p = params === '' ? ['0'] : params.split(';');
  for (let i = 0; i < p.length; i++) {
    const code = p[i]!.replace(/^0+(?=\d)/, '');
    if (code === '' || code === '0') Object.assign(pen, DEFAULT_PEN);
    else if (ON[code] !== undefined) pen.attrs |= ON[code]!;
    else if (OFF[code] !== undefined) pen.attrs &= ~OFF[code]!;
    else if (code === '39') pen.fg = '';
    else if (code === '49') pen.bg = '';
    else if (code === '59') pen.ul = '';
    else if (/^(3[0-7]|9[0-7])$/.test(code)) pen.fg = code;
    else if (/^(4[0-7]|10[0-7])$/.test(code)) pen.bg = code;
    else if (code.includes(':')) {
      // ITU form, "38:2::1:2:3": one parameter, kept whole.
      const head = code.split(':')[0];
      if (head === '38') pen.fg = code;
      else if (head === '48') pen.bg = code;
      else if (head === '58') pen.ul = code;
      else if (head === '4') pen.attrs = code === '4:0' ? pen.attrs & ~8 : pen.attrs | 8;
    } else if (code === '38' || code === '48' || code === '58') {
      const n = p[i + 1] === '5' ? 2 : p[i + 1] === '2' ? 4 : 0;
      if (n === 0 || i + n >= p.length) return;
      const colour = p.slice(i, i + n + 1).join(';');
      i += n;
      if (code === '38') pen.fg = colour;
      else if (code === '48') pen.bg = colour;
      else pen.ul = colour;
    }
  }
}

/** Pens by id and ids by key: id 0 is the default pen. Cleared (by the writer) if hostile text floods it. */
export class PenTable {
  private readonly ids = new Map<string, number>();
  private readonly pens: Pen[] = [];
  /** "pen id|SGR parameters" → the pen id they lead to: a frame repeats the same few codes hundreds of times. */
  private readonly applied = new Map<string, number>();

  constructor() {
    this.clear();
  }

  get size(): number {
    return this.pens.length;
  }

  clear(): void {
    this.applied.clear();
    this.ids.clear();
    this.pens.length = 0;
    this.id(DEFAULT_PEN);
  }

  id(pen: Readonly<Pen>): number {
    const key = `${pen.attrs}|${pen.fg}|${pen.bg}|${pen.ul}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.pens.length;
      this.pens.push({ ...pen });
      this.ids.set(key, id);
    }
    return id;
  }

  /** The pen that `ESC [ params m` makes of pen `id`. */
  apply(id: number, params: string): number {
    const key = `${id}|${params}`;
    let next = this.applied.get(key);
    if (next === undefined) {
      const pen = { ...this.pen(id) };
      applySgr(pen, params);
      next = this.id(pen);
      if (this.applied.size > 16_384) this.applied.clear();
      this.applied.set(key, next);
    }
    return next;
  }

  pen(id: number): Readonly<Pen> {
    return this.pens[id] ?? DEFAULT_PEN;
  }
}

/** The SGR sequence that turns pen `from` into pen `to`: only what differs, or a reset when that is shorter. */
export function transition(from: Readonly<Pen>, to: Readonly<Pen>): string {
  if (from.attrs === to.attrs && from.fg === to.fg && from.bg === to.bg && from.ul === to.ul) return '';
  const full = setCodes(DEFAULT_PEN, to);
  const delta = setCodes(from, to);
  const reset = full.length === 0 ? '0' : `0;${full.join(';')}`;
  const changed = delta.join(';');
  return `\x1b[${changed.length > 0 && changed.length <= reset.length ? changed : reset}m`;
}

function setCodes(from: Readonly<Pen>, to: Readonly<Pen>): string[] {
  const codes: string[] = [];
  const cleared = from.attrs & ~to.attrs;
  // 22 clears bold and dim together: whichever of the two stays on is set again below.
  let again = 0;
  for (const a of ATTRS) {
    if ((cleared & a.bit) === 0 || codes.includes(a.off)) continue;
    codes.push(a.off);
    if (a.off === '22') again = to.attrs & 3;
  }
  const set = (to.attrs & ~from.attrs) | again;
  for (const a of ATTRS) if (set & a.bit) codes.push(a.on);
  if (from.fg !== to.fg) codes.push(to.fg || '39');
  if (from.bg !== to.bg) codes.push(to.bg || '49');
  if (from.ul !== to.ul) codes.push(to.ul || '59');
  return codes;
}
