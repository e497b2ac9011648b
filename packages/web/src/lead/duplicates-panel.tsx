import { useQuery } from '@tanstack/react-query';
import type { DuplicateCandidate, Lead } from '@triage/contracts';
import { useCallback, useState } from 'react';
import { api } from '../api/api-client';
import { movedText, reasonLines, scorePercent, VERDICT_LABELS } from '../logic/duplicate-text';
import { Link } from '../routing/router';
import { StageBadge } from '../ui/stage-badge';
import { MergeDialog } from './merge-dialog';

/**
 * Shown when the lead has likely or possible duplicates (or had some merged into it): each candidate with its
 * verdict, score and the evidence behind it, and "Merge…".
 */
export function DuplicatesPanel({ lead }: { lead: Lead }) {
  const duplicates = useQuery({
    queryKey: ['lead', lead.id, 'duplicates'],
    queryFn: () => api.leadDuplicates(lead.id),
  });
  const merges = useQuery({ queryKey: ['lead', lead.id, 'merges'], queryFn: () => api.leadMerges(lead.id) });
  const [merging, setMerging] = useState<DuplicateCandidate | null>(null);
  const close = useCallback(() => setMerging(null), []);
  const candidates = duplicates.data?.items ?? [];
  const merged = merges.data?.items ?? [];
  const shown = candidates.length > 0 || merged.length > 0;
  return (
    <>
      {shown && (
        <section className="card duplicates" aria-labelledby="duplicates-title">
          <h2 id="duplicates-title">
            {candidates.length > 0 ? 'Possible duplicates' : 'Merged into this lead'}
          </h2>
          {candidates.length > 0 && (
            <ul className="candidates" aria-label="Duplicate candidates">
              {candidates.map((candidate) => (
                <li
                  key={candidate.lead.id}
                  className="candidate"
                  aria-label={`${candidate.lead.name || candidate.lead.email} duplicate`}
                >
                  <div className="candidate-head">
                    <div>
                      <Link href={`/leads/${candidate.lead.id}`} className="lead-name">
                        {candidate.lead.name || candidate.lead.email}
                      </Link>
                      <span className="lead-sub">
                        {[candidate.lead.email, candidate.lead.company].filter(Boolean).join(' · ')}
                      </span>
                    </div>
                    <div className="candidate-verdict">
                      <StageBadge stage={candidate.lead.stage} />
                      <span className={`verdict-chip verdict-${candidate.verdict}`}>
                        {VERDICT_LABELS[candidate.verdict]} · {scorePercent(candidate.score)}
                      </span>
                      <button type="button" className="btn small" onClick={() => setMerging(candidate)}>
                        Merge…
                      </button>
                    </div>
                  </div>
                  <ul className="lines" aria-label="Why these may be one person">
                    {reasonLines(candidate.reasons).map((line) => (
                      <li key={line.text}>
                        <span>{line.text}</span>
                        <span className={line.tone === 'against' ? 'pts neg' : 'pts'}>{line.points}</span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          {merged.length > 0 && (
            <>
              {candidates.length > 0 && <h3>Merged into this lead</h3>}
              <ul className="merges">
                {merged.map((m) => (
                  <li key={m.mergedLeadId} className="muted small">
                    {m.mergedEmail},{' '}
                    {new Date(m.mergedAt).toLocaleString('en-GB', {
                      dateStyle: 'medium',
                      timeStyle: 'short',
                    })}
                    : {movedText(m.moved)} moved
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {/* Beside the card, not in it: the merge empties the card while the dialog shows the result. */}
      {merging && <MergeDialog lead={lead} otherId={merging.lead.id} onClose={close} />}
    </>
  );
}
