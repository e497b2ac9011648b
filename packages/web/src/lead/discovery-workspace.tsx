import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, type AssessmentView, type Note } from '@triage/contracts';
import type { CriterionStatus } from '@triage/core';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api/api-client';
import { assessmentWithChange, groupByLevel, LEVEL_LABELS } from '../logic/assessment-edit';
import { NoteAnalysis } from './note-analysis';

const STATUSES: { value: CriterionStatus; label: string }[] = [
  { value: 'unknown', label: 'Unknown' },
  { value: 'met', label: 'Met' },
  { value: 'partial', label: 'Partial' },
  { value: 'not_met', label: 'Not met' },
];

const VERDICT_TEXT = { pass: 'Qualified', fail: 'Not qualified', undecided: 'Undecided' } as const;

export function DiscoveryWorkspace({ leadId }: { leadId: string }) {
  const frameworks = useQuery({
    queryKey: ['frameworks'],
    queryFn: () => api.frameworks(),
    staleTime: 600_000,
  });
  const policy = useQuery({ queryKey: ['policy'], queryFn: () => api.getPolicy() });
  const [framework, setFramework] = useState<string | null>(null);
  const defaultFramework = policy.data?.policy.frameworks.default ?? null;
  const chosen = framework ?? defaultFramework;

  return (
    <section className="card discovery" aria-labelledby="discovery-title">
      <div className="card-head">
        <h2 id="discovery-title">Discovery</h2>
        <label className="inline">
          Framework
          <select
            value={chosen ?? ''}
            onChange={(e) => setFramework(e.target.value)}
            disabled={!frameworks.data}
          >
            {(frameworks.data?.items ?? []).map((f) => (
              <option key={f.key} value={f.key}>
                {f.name}
                {f.key === defaultFramework ? ' (default)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      {chosen ? (
        <Assessment leadId={leadId} framework={chosen} />
      ) : (
        <p className="muted">Loading frameworks…</p>
      )}
    </section>
  );
}

function Assessment({ leadId, framework }: { leadId: string; framework: string }) {
  const queryClient = useQueryClient();
  const key = ['lead', leadId, 'assessment', framework];
  const assessment = useQuery({ queryKey: key, queryFn: () => api.getAssessment(leadId, framework) });
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    // The API replaces the whole assessment, so saves run one after another, each built from the answer to the one
    // before: an evidence save still in flight and a status click would otherwise each send the other's old value.
    scope: { id: `assessment:${leadId}:${framework}` },
    mutationFn: (change: { criterion: string; status?: CriterionStatus; evidence?: string }) => {
      const current = queryClient.getQueryData<AssessmentView>(key) ?? assessment.data!;
      return api.putAssessment(leadId, framework, assessmentWithChange(current, change.criterion, change));
    },
    onSuccess: (view) => {
      setError(null);
      queryClient.setQueryData(key, view);
      // A pass can move a SAL to SQL: the header and the history must follow.
      void queryClient.invalidateQueries({ queryKey: ['lead', leadId], exact: true });
      void queryClient.invalidateQueries({ queryKey: ['lead', leadId, 'transitions'] });
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : 'Could not save.'),
  });
  if (assessment.isPending) return <p className="muted">Loading assessment…</p>;
  if (assessment.isError) return <p className="error">Could not load the assessment.</p>;
  const view = assessment.data;
  const nextByCriterion = new Map(view.nextQuestions.map((q) => [q.criterion, q.questions]));
  return (
    <div className="discovery-body">
      <Verdict view={view} saving={save.isPending} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {groupByLevel(view.criteria).map((group) => (
        <fieldset key={group.level} className="level">
          <legend>{LEVEL_LABELS[group.level]}</legend>
          {group.criteria.map((c) => (
            <div key={c.key} className={`criterion st-${c.status}`}>
              <div className="criterion-head">
                <div>
                  <strong>{c.label}</strong>
                  <p className="muted small">{c.description}</p>
                </div>
                <fieldset className="segmented">
                  <legend className="sr-only">{`${c.label} status`}</legend>
                  {STATUSES.map((s) => (
                    <label key={s.value} className={c.status === s.value ? `on seg-${s.value}` : undefined}>
                      <input
                        type="radio"
                        className="sr-only"
                        name={`${framework}-${c.key}`}
                        value={s.value}
                        checked={c.status === s.value}
                        onChange={() => save.mutate({ criterion: c.key, status: s.value })}
                      />
                      {s.label}
                    </label>
                  ))}
                </fieldset>
              </div>
              <EvidenceInput
                label={`${c.label} evidence`}
                value={c.evidence ?? ''}
                extracted={c.source === 'extracted'}
                onSave={(evidence) => save.mutate({ criterion: c.key, evidence })}
              />
              {c.status === 'unknown' && (nextByCriterion.get(c.key) ?? c.questions).length > 0 && (
                <ul className="questions" aria-label={`Questions to ask about ${c.label}`}>
                  {(nextByCriterion.get(c.key) ?? c.questions).slice(0, 3).map((q) => (
                    <li key={q}>{q}</li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </fieldset>
      ))}
      <NotesBox leadId={leadId} framework={framework} />
    </div>
  );
}

function EvidenceInput({
  label,
  value,
  extracted,
  onSave,
}: {
  label: string;
  value: string;
  extracted: boolean;
  onSave: (value: string) => void;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text.trim() !== value.trim()) onSave(text);
  };
  return (
    <div className="evidence">
      <input
        type="text"
        aria-label={label}
        placeholder="Evidence: what did they say?"
        value={text}
        maxLength={2000}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {extracted && <span className="tag">from notes</span>}
    </div>
  );
}

function Verdict({ view, saving }: { view: AssessmentView; saving: boolean }) {
  return (
    <div className={`verdict verdict-${view.result}`} aria-live="polite" data-testid="verdict">
      <div className="verdict-main">
        <span className="verdict-label">Verdict</span>
        <strong className="verdict-result">{VERDICT_TEXT[view.result]}</strong>
        {saving && <span className="muted small">saving…</span>}
      </div>
      <div
        className="progress"
        role="img"
        aria-label={`${Math.round(view.completeness * 100)}% of criteria known`}
      >
        <span className="progress-fill" style={{ width: `${Math.round(view.completeness * 100)}%` }} />
      </div>
      {view.failingLevel && (
        <p>
          Fails at the <strong>{LEVEL_LABELS[view.failingLevel].toLowerCase()}</strong> level.
        </p>
      )}
      {view.missing.length > 0 && (
        <p className="small">
          Still missing:{' '}
          {view.missing.map((m) => view.criteria.find((c) => c.key === m)?.label ?? m).join(', ')}
        </p>
      )}
      {view.explanation.length > 0 && (
        <ul className="small explain">
          {view.explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NotesBox({ leadId, framework }: { leadId: string; framework: string }) {
  const queryClient = useQueryClient();
  const notesKey = ['lead', leadId, 'notes'];
  const notes = useQuery({ queryKey: notesKey, queryFn: () => api.listNotes(leadId), retry: false });
  const [text, setText] = useState('');
  const [apply, setApply] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => api.addNote(leadId, { text, framework, apply }),
    onSuccess: (result) => {
      setText('');
      const filled = result.applied?.criteria.length ?? 0;
      setStatus(
        apply
          ? `Note saved; ${filled} criteri${filled === 1 ? 'on' : 'a'} filled from it.`
          : 'Note saved. Review what it suggests below.',
      );
      queryClient.setQueryData(notesKey, (old: { items: Note[] } | undefined) => ({
        items: [result.note, ...(old?.items ?? []).filter((n) => n.id !== result.note.id)],
      }));
      if (result.assessment)
        queryClient.setQueryData(['lead', leadId, 'assessment', result.note.framework], result.assessment);
      void queryClient.invalidateQueries({ queryKey: ['lead', leadId], exact: true });
      void queryClient.invalidateQueries({ queryKey: ['lead', leadId, 'transitions'] });
    },
    onError: (e) => setStatus(e instanceof ApiError ? e.message : 'The note could not be saved.'),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) add.mutate();
  };
  const latest = notes.data?.items[0];
  return (
    <div className="notes-box">
      <form className="notes-form" onSubmit={submit}>
        <label>
          Call notes
          <textarea
            rows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Notes or a transcript (“Rep: …” / “Dana: …” lines). Budget, who decides, timing, the problem in their words…"
          />
        </label>
        <div className="row">
          <label className="check">
            <input type="checkbox" checked={apply} onChange={(e) => setApply(e.target.checked)} />
            Fill unknown criteria at once (skip the review)
          </label>
          <button type="submit" className="btn" disabled={!text.trim() || add.isPending}>
            {add.isPending ? 'Saving…' : 'Save note'}
          </button>
        </div>
        {status && (
          <p className="muted small" role="status">
            {status}
          </p>
        )}
      </form>
      {latest && <NoteAnalysis key={latest.id} leadId={leadId} note={latest} />}
    </div>
  );
}
