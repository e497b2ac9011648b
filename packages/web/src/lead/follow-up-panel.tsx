import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, type LeadWithFollowUp, TOUCH_KINDS, type TouchKind } from '@triage/contracts';
import { describeTrigger } from '@triage/core';
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import { useBusinessHours } from '../api/use-business-hours';
import { useOwners } from '../api/use-owners';
import {
  describeBusinessHours,
  formatInstant,
  TOUCH_LABELS,
  touchOutcome,
  urgencyText,
} from '../logic/follow-up-text';

/**
 * The lead's speed-to-lead clock and silence in the workspace's business hours, the next action with its reason,
 * and "Log a touch": a call, email, meeting or LinkedIn message stops a waiting clock and resets the silence.
 */
export function FollowUpPanel({ lead }: { lead: LeadWithFollowUp }) {
  const queryClient = useQueryClient();
  const hours = useBusinessHours();
  const { nameOf } = useOwners();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const touches = useQuery({
    queryKey: ['lead', lead.id, 'touches'],
    queryFn: () => api.listTouches(lead.id),
  });
  const log = useMutation({
    mutationFn: (kind: TouchKind) =>
      api.logTouch(lead.id, { kind, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: (result, kind) => {
      setMessage({ text: touchOutcome(kind, lead.followUp, result.followUp), error: false });
      setNote('');
      queryClient.setQueryData<LeadWithFollowUp>(['lead', lead.id], (old) =>
        old ? { ...old, followUp: result.followUp } : old,
      );
      void queryClient.invalidateQueries({ queryKey: ['lead', lead.id] });
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
    },
    onError: (error) =>
      setMessage({
        text: error instanceof ApiError ? error.message : 'The touch was not logged.',
        error: true,
      }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const kind = submitter?.value as TouchKind | undefined;
    if (kind && TOUCH_KINDS.includes(kind)) log.mutate(kind);
  };

  const { followUp } = lead;
  const { clock, quiet, nextAction } = followUp;
  const urgency = urgencyText(followUp, hours);
  const waiting =
    followUp.urgency === 'escalated' || followUp.urgency === 'overdue' || followUp.urgency === 'due';
  return (
    <section className="card follow-up" aria-labelledby="follow-up-title" data-testid="follow-up">
      <h2 id="follow-up-title">Follow-up</h2>
      <div className={`clock-status tone-${urgency.tone}`} data-testid="follow-up-status">
        <strong>{urgency.label}</strong>
        {urgency.detail && <span> {urgency.detail}</span>}
      </div>
      {nextAction && (
        <p className="next-action">
          <strong>{nextAction.label}</strong>
          {nextAction.by && <> by {formatInstant(nextAction.by, hours)}</>}. {nextAction.why}.
        </p>
      )}
      {clock && (
        <dl className="facts clock-facts">
          <div className="fact">
            <dt>{describeTrigger(clock.trigger)}</dt>
            <dd>{formatInstant(clock.startedAt, hours)}</dd>
          </div>
          <div className="fact">
            <dt>Due ({clock.targetMinutes} business min)</dt>
            <dd>{formatInstant(clock.dueAt, hours)}</dd>
          </div>
          {clock.escalatesAt && waiting && (
            <div className="fact">
              <dt>Escalates</dt>
              <dd>{formatInstant(clock.escalatesAt, hours)}</dd>
            </div>
          )}
          {clock.contactedAt && (
            <div className="fact">
              <dt>First contact</dt>
              <dd>{formatInstant(clock.contactedAt, hours)}</dd>
            </div>
          )}
        </dl>
      )}
      {clock && !nextAction && <p className="muted small">{clock.why}.</p>}
      {quiet && !quiet.quiet && quiet.days > 0 && <p className="muted small">{quiet.why}.</p>}
      {hours && (
        <p className="muted small">
          Business hours: {describeBusinessHours(hours)}, {followUp.openNow ? 'open now' : 'closed now'}.
        </p>
      )}
      <form className="touch-form" onSubmit={submit} aria-label="Log a touch">
        <h3 className="touch-form-title">Log a touch</h3>
        <textarea
          aria-label="Touch note"
          className="touch-note-input"
          placeholder="What happened (optional)"
          rows={2}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <div className="touch-kinds">
          {TOUCH_KINDS.map((kind) => (
            <button
              key={kind}
              type="submit"
              name="kind"
              value={kind}
              className={`btn small${kind === 'call' && waiting ? ' primary' : ''}`}
              disabled={log.isPending}
            >
              Log {kind === 'linkedin' ? TOUCH_LABELS[kind] : TOUCH_LABELS[kind].toLowerCase()}
            </button>
          ))}
        </div>
        <p className={message?.error ? 'error small' : 'muted small'} role="status">
          {message?.text}
        </p>
      </form>
      {(touches.data?.items.length ?? 0) > 0 && (
        <>
          <h3>Touches</h3>
          <ul className="touches" aria-label="Touches">
            {touches.data!.items.slice(0, 8).map((touch) => (
              <li key={touch.id} className="touch-item">
                <div className="tl-title">
                  <strong>{TOUCH_LABELS[touch.kind]}</strong>
                  <time dateTime={touch.at} className="muted small">
                    {formatInstant(touch.at, hours)}
                  </time>
                </div>
                <span className="muted small">
                  {touch.actor.kind === 'user' ? `by ${nameOf(touch.actor.id)}` : 'through the API'}
                </span>
                {touch.note && <p className="touch-note">{touch.note}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
