import { STAGE_LABELS, type Stage } from '@triage/core';

export const SHORT_STAGE: Record<Stage, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  mql: 'MQL',
  pql: 'PQL',
  cql: 'CQL',
  sal: 'SAL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
  disqualified: 'Disqualified',
  nurture: 'Nurture',
  closed_lost: 'Closed lost',
};

export function StageBadge({ stage }: { stage: Stage }) {
  return (
    <span className={`stage stage-${stage}`} title={STAGE_LABELS[stage]}>
      {SHORT_STAGE[stage]}
    </span>
  );
}

export function FitMeter({ fit }: { fit: number }) {
  const band = fit >= 75 ? 'high' : fit >= 50 ? 'mid' : fit >= 25 ? 'low' : 'poor';
  return (
    <span className={`fit fit-${band}`} role="img" aria-label={`Fit ${fit} of 100`}>
      <span className="fit-bar" aria-hidden="true">
        <span className="fit-bar-fill" style={{ width: `${Math.max(0, Math.min(100, fit))}%` }} />
      </span>
      <span className="fit-number" aria-hidden="true">
        {fit}
      </span>
    </span>
  );
}
