import { useQuery } from '@tanstack/react-query';
import type { LeadPredictive } from '@triage/contracts';
import { api } from '../api/api-client';
import { summarizePredictive } from '../logic/predictive-text';
import { HeatFlames } from '../ui/heat-flames';

const signed = (n: number) => `${n > 0 ? '+' : ''}${Math.round(n * 10) / 10}`;

/** Every line behind the two numbers: which ICP rules fired, which events make the heat. */
export function ScorePanel({ leadId }: { leadId: string }) {
  const score = useQuery({ queryKey: ['lead', leadId, 'score'], queryFn: () => api.leadScore(leadId) });
  if (score.isPending) return <section className="card">Loading score…</section>;
  if (score.isError) return <section className="card error">Score unavailable.</section>;
  const { fit, engagement, policyVersion, predictive } = score.data;
  return (
    <section className="card score" aria-labelledby="score-title">
      <h2 id="score-title">Why this score</h2>
      <div className="score-head">
        <div>
          <span className="big-number">{fit.score}</span>
          <span className="muted"> fit</span>
        </div>
        <div>
          <span className="big-number">{Math.round(engagement.value)}</span>
          <span className="muted"> engagement</span>
        </div>
        <HeatFlames heat={engagement.tier} showLabel />
      </div>
      <PredictivePart predictive={predictive} />
      {fit.knockedOut && (
        <p className="warning" role="note">
          Knocked out: a disqualifying rule fired, so fit is 0.
        </p>
      )}
      <h3>
        Fit ({fit.lines.length} rule{fit.lines.length === 1 ? '' : 's'} fired)
      </h3>
      <ul className="lines" aria-label="Fit explanation">
        {fit.lines.map((line) => (
          <li key={line.ruleId}>
            <span>{line.text}</span>
            <span className={line.points < 0 ? 'pts neg' : 'pts'}>{signed(line.points)}</span>
          </li>
        ))}
        {fit.lines.length === 0 && <li className="muted">No ICP rule matched this lead.</li>}
      </ul>
      <h3>Heat (half-life {engagement.halfLifeDays} d)</h3>
      <ul className="lines" aria-label="Engagement explanation">
        {engagement.lines.map((line) => (
          <li key={line.type}>
            <span>
              {line.label} × {line.count}
              {line.capped && <span className="tag">capped</span>}
            </span>
            <span className={line.points < 0 ? 'pts neg' : 'pts'}>{signed(line.points)}</span>
          </li>
        ))}
        {engagement.lines.length === 0 && <li className="muted">No activity yet.</li>}
      </ul>
      <p className="muted small">Scored with policy version {policyVersion}.</p>
    </section>
  );
}

/** The chance to convert from the workspace's own model, or, without one, why there is no percentage yet. */
function PredictivePart({ predictive }: { predictive: LeadPredictive }) {
  const summary = summarizePredictive(predictive);
  return (
    <div className="predictive" data-testid="predictive">
      <h3>Chance to convert</h3>
      {summary.probability ? (
        <>
          <p>
            <span className="big-number">{summary.probability}</span>
            <span className="muted small"> by model version {predictive.modelVersion}</span>
          </p>
          <ul className="lines" aria-label="Predictive explanation">
            {[...summary.raising, ...summary.lowering].map((line) => (
              <li key={line}>
                <span>{line}</span>
              </li>
            ))}
          </ul>
          <p className="muted small">{predictive.explanation}</p>
        </>
      ) : (
        <p className="muted small" role="note">
          {predictive.explanation.replace(/\.?$/, '.')}
        </p>
      )}
    </div>
  );
}
