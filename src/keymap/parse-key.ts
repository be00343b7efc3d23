// Raw terminal input → a key name the keymap understands ("j", "G", "down", "pgdn", "f5", "S-tab", "C-c", "M-1").
//
// Why our own decoder: Ink 6's useInput reports F1–F12, Insert and the like as input "" with no flag set, so
// hatop's F4–F10 hotkeys could not be told apart. Ink already splits stdin into one escape sequence per event
// (input-parser.js); this turns one such sequence into a name. Pure, so it is tested without a terminal.

export interface KeyPress {
  /** Key name as used in the keymap. For a printable character, the character itself ("q", "G", "/"). */
  name: string;
  /** Printable text the key would type into a text field; "" for special keys. A paste gives its whole text. */
  text: string;
}

/** CSI "number ~" keys (xterm, rxvt, linux console). */
const TILDE: Record<string, string> = {
  '1': 'home', '2': 'insert', '3': 'delete', '4': 'end', '5': 'pgup', '6': 'pgdn', '7': 'home', '8': 'end',
  '11': 'f1', '12': 'f2', '13': 'f3', '14': 'f4', '15': 'f5', '17': 'f6', '18': 'f7', '19': 'f8',
  '20': 'f9', '21': 'f10', '23': 'f11', '24': 'f12',
};

/** CSI/SS3 "letter" keys; P–S are F1–F4 in the SS3 form (ESC O P) and with modifiers (ESC [1;2P). */
const LETTER: Record<string, string> = {
  A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', P: 'f1', Q: 'f2', R: 'f3', S: 'f4',
};

/** Linux console F1–F5: ESC [ [ A..E. */
const CONSOLE: Record<string, string> = { A: 'f1', B: 'f2', C: 'f3', D: 'f4', E: 'f5' };

const special = (name: string): KeyPress => ({ name, text: '' });

/** xterm modifier parameter (1 + bits: 1 shift, 2 alt, 4 ctrl) → prefix "C-M-S-". */
function withModifiers(name: string, param: string | undefined): string {
  const bits = param ? Number(param) - 1 : 0;
  if (!(bits > 0)) return name;
  return `${bits & 4 ? 'C-' : ''}${bits & 2 ? 'M-' : ''}${bits & 1 ? 'S-' : ''}${name}`;
}

function decodeEscape(seq: string): KeyPress {
  if (seq === '\x1b' || seq === '\x1b\x1b') return special('esc');
  if (seq === '\x1b[Z') return special('S-tab');
  let m = /^\x1b\[\[([A-E])$/.exec(seq);
  if (m) return special(CONSOLE[m[1]!]!);
  m = /^\x1b\[(\d+)(?:;(\d+))?~$/.exec(seq);
  if (m) {
    const name = TILDE[m[1]!];
    return name ? special(withModifiers(name, m[2])) : special(`unknown:${seq.slice(1)}`);
  }
  m = /^\x1b(?:\[(?:1;(\d+))?|O)([A-HPQRS])$/.exec(seq);
  if (m && LETTER[m[2]!]) return special(withModifiers(LETTER[m[2]!]!, m[1]));
  // Alt/Meta + key arrives as ESC followed by the key (hatop's ESC-n mode switch).
  if (seq.length >= 2 && seq[0] === '\x1b' && seq[1] !== '[' && seq[1] !== 'O') {
    const inner = decodeKey(seq.slice(1));
    return special(`M-${inner.name}`);
  }
  return special(`unknown:${seq.slice(1)}`);
}

export function decodeKey(seq: string): KeyPress {
  if (seq === '') return special('unknown:');
  if (seq === '\r' || seq === '\n' || seq === '\r\n') return special('enter');
  if (seq === '\t') return special('tab');
  if (seq === '\x7f' || seq === '\b') return special('backspace');
  if (seq === ' ') return { name: 'space', text: ' ' };
  if (seq[0] === '\x1b') return decodeEscape(seq);
  if (seq.length === 1) {
    const code = seq.charCodeAt(0);
    if (code < 0x20) return special(`C-${String.fromCharCode(code + 96)}`);
    return { name: seq, text: seq };
  }
  // Several printable characters in one event is a paste: text only, never a command.
  const text = seq.replace(/[\x00-\x1f\x7f]/g, '');
  return { name: 'paste', text };
}

/** How a key name is shown in hints and help. */
export function keyLabel(name: string): string {
  const labels: Record<string, string> = {
    up: '↑', down: '↓', left: '←', right: '→', pgup: 'PgUp', pgdn: 'PgDn', home: 'Home', end: 'End',
    enter: 'Enter', esc: 'Esc', tab: 'Tab', 'S-tab': 'S-Tab', space: 'Space', backspace: 'Bksp',
  };
  if (labels[name]) return labels[name];
  if (/^f\d+$/.test(name)) return name.toUpperCase();
  if (name.startsWith('C-')) return `Ctrl-${keyLabel(name.slice(2))}`;
  if (name.startsWith('M-')) return `Alt-${keyLabel(name.slice(2))}`;
  return name;
}

/**
 * Splits one stdin chunk into key sequences. A terminal (or tmux send-keys, or a fast typist over a laggy SSH
 * link) can deliver "worker1\r" in one read: each character must act as its own key, or Enter is lost.
 */
export function splitKeySequences(chunk: string): string[] {
  const keys: string[] = [];
  const pattern = /\x1b\[[0-9;<]*[~A-Za-z]|\x1b\[\[[A-E]|\x1bO[A-Za-z]|\x1b\x1b?[^\x1b]?|\r\n|[\s\S]/gu;
  for (const match of chunk.matchAll(pattern)) keys.push(match[0]);
  return keys;
}
