import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, type Lead } from '@triage/contracts';
import { STAGE_LABELS } from '@triage/core';
import { useState } from 'react';
import { api } from '../api/api-client';
import { type StageAction, stageActions } from '../logic/stage-actions';
import { type ReasonChoice, ReasonDialog } from '../ui/disqualify-dialog';

export function StageActions({ lead }: { lead: Lead }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<StageAction | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const move = useMutation({
    mutationFn: (input: { to: Lead['stage'] } & Partial<ReasonChoice>) =>
      api.transition(lead.id, {
        to: input.to,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.reasonText ? { reasonText: input.reasonText } : {}),
      }),
    onSuccess: (result) => {
      // Merged into the cached lead: the page's copy also carries `followUp`, which the transition answer lacks.
      queryClient.setQueryData(['lead', lead.id], (old: object | undefined) => ({ ...old, ...result.lead }));
      void queryClient.invalidateQueries({ queryKey: ['lead', lead.id] });
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
      setAsking(null);
      setMessage({ text: `Moved to ${STAGE_LABELS[result.lead.stage]}.`, error: false });
    },
    onError: (error) => {
      setMessage({ text: error instanceof ApiError ? error.message : 'The move failed.', error: true });
    },
  });
  const actions = stageActions(lead.stage);
  return (
    <section className="stage-actions" aria-label="Stage actions">
      {actions.length === 0 && (
        <span className="muted">No further moves from {STAGE_LABELS[lead.stage]}.</span>
      )}
      {actions.map((action) => (
        <button
          key={action.to}
          type="button"
          className={`btn ${action.tone === 'forward' ? 'primary' : action.tone === 'negative' ? 'danger-outline' : ''}`}
          disabled={move.isPending}
          onClick={() => (action.needsReason ? setAsking(action) : move.mutate({ to: action.to }))}
        >
          {action.label}
        </button>
      ))}
      <span className={message?.error ? 'error small' : 'muted small'} role="status">
        {message?.text}
      </span>
      {asking && (
        <ReasonDialog
          title={`${asking.label.replace('…', '')}: why?`}
          busy={move.isPending}
          onCancel={() => setAsking(null)}
          onConfirm={(choice) => move.mutate({ to: asking.to, ...choice })}
        />
      )}
    </section>
  );
}
