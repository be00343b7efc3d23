// A hint for the first screen (the demo names the three things to try first): it sits in the flash line, which
// is blank until something is said there, so it costs no row; it stays until the first key, because a newcomer
// reads the screen before touching anything, and goes for good with that key (the help view has the rest).
import { useState } from 'react';
import type { Flash } from '../state/ui-state.js';
import { useKeys } from './useKeys.js';

export function useFirstKeyHint(hint: string | undefined): Flash | null {
  const [shown, setShown] = useState(hint !== undefined && hint !== '');
  useKeys(() => setShown(false), { isActive: shown });
  return shown && hint ? { text: hint, level: 'info', at: 0 } : null;
}
