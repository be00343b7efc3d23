// Raw key events with our own decoder (src/keymap/parse-key.ts), because Ink's useInput cannot tell F1–F12
// apart (hatop's F4–F10 hotkeys). Ink already splits stdin into one sequence per 'input' event on its stdin
// context emitter; we listen there, as useInput does internally (a private API: src/ui/ink-compat.ts).
//
// `isActive` is read when the event arrives (not only when the effect re-subscribes), so a key typed in the
// same tick as the one that opened a dialog cannot reach the handler the dialog was meant to silence. The
// listener is attached in a layout effect, i.e. in the same commit that mounts the component: a dialog is
// listening as soon as it is on screen, and a key typed right after the one that opened it is not lost.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { decodeKey, splitKeySequences, type KeyPress } from '../../keymap/parse-key.js';
import { useRawInput, type RawInputEmitter } from '../ink-compat.js';

// Several keys can arrive in one read (tmux send-keys, a paste, a laggy SSH link). They are queued and handed
// out one at a time, a few milliseconds apart, so each lands after React has committed the previous one:
// otherwise ":" would open the jump prompt while the keys after it still reached the table (where "r" means
// ready). One raw listener per stdin emitter feeds the queue; every useKeys listens to the decoded keys.
const KEY_EVENT = 'lbtop:key';
const fed = new WeakSet<object>();

function feedKeys(emitter: RawInputEmitter): void {
  if (fed.has(emitter)) return;
  fed.add(emitter);
  const queue: string[] = [];
  let pumping = false;
  const pump = () => {
    const next = queue.shift();
    if (next === undefined) {
      pumping = false;
      return;
    }
    emitter.emit(KEY_EVENT, next);
    setTimeout(pump, 5);
  };
  emitter.on('input', (data: string | Buffer) => {
    queue.push(...splitKeySequences(String(data)));
    if (!pumping) {
      pumping = true;
      pump();
    }
  });
}

export function useKeys(onKey: (key: KeyPress) => void, options: { isActive?: boolean } = {}): void {
  const { emitter, setRawMode, isRawModeSupported } = useRawInput();
  const handler = useRef(onKey);
  const active = useRef(options.isActive !== false);
  handler.current = onKey;
  active.current = options.isActive !== false;

  useEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isRawModeSupported, setRawMode]);

  useLayoutEffect(() => {
    const listener = (data: string | Buffer) => {
      if (!active.current) return;
      handler.current(decodeKey(String(data)));
    };
    feedKeys(emitter);
    emitter.on(KEY_EVENT, listener);
    return () => {
      emitter.removeListener(KEY_EVENT, listener);
    };
  }, [emitter]);
}
