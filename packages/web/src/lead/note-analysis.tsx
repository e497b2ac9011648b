import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, type Note } from '@triage/contracts';
import { useState } from 'react';
import { api } from '../api/api-client';
import { humanize, percent } from '../logic/format';
import { analysisMarks, highlightSegments, noteSuggestions, type Suggestion } from '../logic/note-highlights';

const STATUS_TEXT: Record<string, string> = { met: 'Met', partial: 'Partial', not_met: 'Not met' };

/**
 * What Triage read in a saved note: the note with the words behind each finding highlighted, one suggestion per
 * criterion to accept or reject, red flags, good signs, question coaching and, for transcripts, who talked.
 * The note is the lead's own text: it is rendered as text runs, never as HTML.
 */
export function NoteAnalysis({ leadId, note }: { leadId: string; note: Note }) {
  const queryClient = useQueryClient();
  const assessmentKey = ['lead', leadId, 'assessment', note.framework];
  const assessment = useQuery({
    queryKey: assessmentKey,
    queryFn: () => api.getAssessment(leadId, note.framework),
  });
  const [rejected, setRejected] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const accept = useMutation({
    mutationFn: (criterion: string) => api.applyNote(leadId, note.id, [criterion]),
    onSuccess: (result) => {
      setError(null);
      if (result.assessment) queryClient.setQueryData(assessmentKey, result.assessment);
      void queryClient.invalidateQueries({ queryKey: ['lead', leadId], exact: true });
      void queryClient.invalidateQueries({ queryKey: ['lead', leadId, 'transitions'] });
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : 'Could not apply the suggestion.'),
  });
  const { analysis } = note;
  const segments = highlightSegments(note.text, analysisMarks(analysis));
  const suggestions = noteSuggestions(analysis, assessment.data).filter((s) => !rejected.has(s.criterion));

  return (
    <section className="note-analysis" aria-label="Note analysis">
      <h3>What the last note says</h3>
      <p className="note-text" data-testid="note-text">
        {segments.map((segment, i) =>
          segment.marks.length === 0 ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positions in a fixed text
            <span key={i}>{segment.text}</span>
          ) : (
            <mark
              // biome-ignore lint/suspicious/noArrayIndexKey: segments are positions in a fixed text
              key={i}
              className={`hl ${[...new Set(segment.marks.map((m) => `hl-${m.kind}`))].join(' ')}`}
              title={segment.marks.map((m) => m.label).join('\n')}
              data-for={segment.marks.map((m) => m.criterion ?? m.kind).join(' ')}
            >
              {segment.text}
            </mark>
          ),
        )}
      </p>
      <p className="legend small muted" aria-hidden="true">
        <mark className="hl hl-evidence">evidence</mark> <mark className="hl hl-red_flag">red flag</mark>{' '}
        <mark className="hl hl-good_sign">good sign</mark>{' '}
        <mark className="hl hl-question">your question</mark>
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <h4>Suggestions</h4>
      <ul className="suggestions" aria-label="Suggestions from the note">
        {suggestions.map((s) => (
          <SuggestionItem
            key={s.criterion}
            suggestion={s}
            busy={accept.isPending && accept.variables === s.criterion}
            onAccept={() => accept.mutate(s.criterion)}
            onReject={() => setRejected((r) => new Set(r).add(s.criterion))}
          />
        ))}
        {suggestions.length === 0 && <li className="muted">No criterion evidence left to review.</li>}
      </ul>
      <Signals title="Red flags" items={analysis.redFlags} tone="bad" />
      <Signals title="Good signs" items={analysis.goodSigns} tone="good" />
      {analysis.questions.length > 0 && (
        <>
          <h4>Your questions</h4>
          <ul className="coaching" aria-label="Question coaching">
            {analysis.questions.map((q) => (
              <li key={`${q.span[0]}`} className={`q-${q.kind}`}>
                <span className="tag">{q.kind === 'open' ? 'Open' : 'Closed'}</span> “{q.text}”
                {q.suggestion && <p className="small">Try instead: “{q.suggestion}”</p>}
              </li>
            ))}
          </ul>
        </>
      )}
      {analysis.talkRatio && (
        <div className="talk-ratio">
          <h4>Talk ratio</h4>
          <div className="progress two" role="img" aria-label={`Rep ${percent(analysis.talkRatio.rep)}`}>
            <span
              className="progress-fill"
              style={{ width: `${Math.round(analysis.talkRatio.rep * 100)}%` }}
            />
          </div>
          <p className="small">
            You spoke {percent(analysis.talkRatio.rep)} of the words ({analysis.talkRatio.repWords}), the
            prospect {percent(analysis.talkRatio.prospect)} ({analysis.talkRatio.prospectWords}).
            {analysis.talkRatio.rep > 0.5 ? ' Let them talk more: ask, then listen.' : ''}
          </p>
        </div>
      )}
    </section>
  );
}

function SuggestionItem({
  suggestion: s,
  busy,
  onAccept,
  onReject,
}: {
  suggestion: Suggestion;
  busy: boolean;
  onAccept: () => void;
  onReject: () => void;
}) {
  return (
    <li className={`suggestion st-${s.status}`} aria-label={`${s.label} suggestion`}>
      <div>
        <strong>{s.label}</strong>: {STATUS_TEXT[s.status] ?? humanize(s.status)}{' '}
        <span className="muted small">({percent(s.confidence)} sure)</span>
        <p className="small">
          “{s.sentence}” <span className="muted">{s.reason}</span>
        </p>
      </div>
      {s.state === 'kept_by_rep' ? (
        <span className="tag">kept (set by a rep)</span>
      ) : s.state === 'already_applied' ? (
        <span className="tag good">applied</span>
      ) : (
        <div className="row">
          <button type="button" className="btn small" disabled={busy} onClick={onAccept}>
            Accept
          </button>
          <button type="button" className="btn ghost small" onClick={onReject}>
            Reject
          </button>
        </div>
      )}
    </li>
  );
}

function Signals({
  title,
  items,
  tone,
}: {
  title: string;
  items: Note['analysis']['redFlags'];
  tone: 'good' | 'bad';
}) {
  if (items.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul className={`signals ${tone}`} aria-label={title}>
        {items.map((s) => (
          <li key={`${s.kind}-${s.span[0]}`}>
            <strong>{humanize(s.kind)}</strong>: {s.reason}
            <p className="small muted">“{s.text}”</p>
          </li>
        ))}
      </ul>
    </>
  );
}
