// The one write dialog in the body's place while it is open (it owns the keyboard; the view's keys are off):
// the preview until it is confirmed, then the outcome with its rollback (WriteDialog.tsx).
import type { Keymap } from '../../keymap/resolve.js';
import type { FlashFn } from '../hooks/useFlash.js';
import type { WriteFlow } from '../hooks/useWriteFlow.js';
import { WriteDialog } from './WriteDialog.js';

export interface DialogSlotProps {
  flow: WriteFlow;
  height: number;
  keymap: Keymap;
  flash: FlashFn;
  /** LBs whose last reading is stale: the preview says its "before" may be old there. */
  staleLbs: readonly string[];
}

export function DialogSlot({ flow, height, keymap, flash, staleLbs }: DialogSlotProps) {
  if (!flow.dialog) return null;
  // Keyed by state: a new preview or an outcome starts at its top.
  return <WriteDialog key={flow.dialog.kind} flow={flow} height={height} keymap={keymap} onMessage={(text: string, level: 'info' | 'error') => flash(text, level)} staleLbs={staleLbs} />;
}
