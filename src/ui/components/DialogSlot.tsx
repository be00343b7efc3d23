// The one write dialog in the body's place while it is open (it owns the keyboard; the view's keys are off):
// the plan's preview until y, then the report with its rollback.
import type { Keymap } from '../../keymap/resolve.js';
import type { ActionFlow } from '../hooks/useActionFlow.js';
import type { FlashFn } from '../hooks/useFlash.js';
import { PreviewDialog } from './PreviewDialog.js';
import { ReportDialog } from './ReportDialog.js';

export interface DialogSlotProps {
  flow: ActionFlow;
  height: number;
  keymap: Keymap;
  flash: FlashFn;
  /** LBs whose last reading is stale: the preview says its "before" may be old there. */
  staleLbs: readonly string[];
}

export function DialogSlot({ flow, height, keymap, flash, staleLbs }: DialogSlotProps) {
  const d = flow.dialog;
  if (d && (d.kind === 'preview' || d.kind === 'sending')) {
    return (
      <PreviewDialog plan={d.plan} typed={d.kind === 'preview' ? d.typed : ''} sending={d.kind === 'sending'} height={height} keymap={keymap}
        onConfirm={(how) => flow.confirm(how)} onSkipUnreachable={flow.skipUnreachable} onCancel={() => { flow.close(); flash('cancelled: nothing was sent', 'info'); }}
        onType={flow.type} onMessage={flash} staleLbs={staleLbs} />
    );
  }
  if (d && (d.kind === 'report' || d.kind === 'rolling-back')) {
    return <ReportDialog report={d.report} rollingBack={d.kind === 'rolling-back'} height={height} keymap={keymap} onRollback={flow.rollback} onClose={flow.close} onMessage={flash} />;
  }
  return null;
}
