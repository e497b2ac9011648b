import {
  DISQUALIFICATION_REASON_LABELS,
  DISQUALIFICATION_REASONS,
  type DisqualificationReason,
} from '@triage/core';
import { type FormEvent, useState } from 'react';
import { Dialog } from './dialog';

export interface ReasonChoice {
  reason: DisqualificationReason;
  reasonText?: string;
}

/** Closing a door needs a reason the funnel can count; "other" needs a few words. */
export function ReasonDialog({
  title,
  onCancel,
  onConfirm,
  busy = false,
}: {
  title: string;
  onCancel: () => void;
  onConfirm: (choice: ReasonChoice) => void;
  busy?: boolean;
}) {
  const [reason, setReason] = useState<DisqualificationReason | ''>('');
  const [text, setText] = useState('');
  const needsText = reason === 'other';
  const ready = reason !== '' && (!needsText || text.trim() !== '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    onConfirm({
      reason: reason as DisqualificationReason,
      ...(text.trim() ? { reasonText: text.trim() } : {}),
    });
  };
  return (
    <Dialog title={title} onClose={onCancel}>
      <form onSubmit={submit} className="stack">
        <label>
          Reason
          <select
            value={reason}
            onChange={(e) => setReason(e.target.value as DisqualificationReason)}
            required
          >
            <option value="">Choose a reason…</option>
            {DISQUALIFICATION_REASONS.map((r) => (
              <option key={r} value={r}>
                {DISQUALIFICATION_REASON_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {needsText ? 'Explain (required)' : 'Note (optional)'}
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={500} />
        </label>
        <div className="row end">
          <button type="button" className="btn ghost" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn danger" disabled={!ready || busy}>
            Confirm
          </button>
        </div>
      </form>
    </Dialog>
  );
}
