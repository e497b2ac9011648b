import type { LeadSetSummaryView, PolicySimulationView, SimulationExampleView } from '@triage/contracts';
import type { Ref } from 'react';
import {
  changedSetSentence,
  exampleOutcome,
  impactRows,
  impactVerdict,
  replayedLine,
  setOutcomesLine,
} from '../logic/policy-impact';
import { Link } from '../routing/router';

/**
 * What publishing the draft would have changed over a past period: the live policy and the draft side by side,
 * the leads only one of them qualifies with their real outcomes and a few examples explained. Every text from
 * the data (emails, the "why" sentences) is rendered as text.
 */
export function PolicyImpactPanel({
  simulation,
  days,
  stale,
  onRefresh,
  refreshing,
  ref,
}: {
  simulation: PolicySimulationView;
  days: number;
  /** The draft or the period changed since: the numbers answer another question now. */
  stale: boolean;
  onRefresh: () => void;
  refreshing: boolean;
  ref?: Ref<HTMLElement>;
}) {
  const verdict = impactVerdict(simulation);
  return (
    <section
      ref={ref}
      className={`card impact${stale ? ' stale' : ''}`}
      aria-labelledby="impact-title"
      aria-describedby="impact-replayed"
      data-testid="policy-impact"
    >
      <div className="card-head">
        <h2 id="impact-title">Impact of this draft</h2>
        {stale && (
          <span className="impact-stale small" role="status">
            Out of date: the draft or the period changed since this preview.
            <button type="button" className="btn small" onClick={onRefresh} disabled={refreshing}>
              {refreshing ? 'Replaying…' : 'Preview again'}
            </button>
          </span>
        )}
      </div>
      <p className="muted small" id="impact-replayed">
        {replayedLine(simulation.replayed, days)}
      </p>
      <p
        className={`impact-verdict${verdict.kind === 'changed' ? '' : ' neutral'}`}
        data-testid="impact-verdict"
      >
        {verdict.headline}
      </p>
      {verdict.kind !== 'no_leads' && (
        <div className="table-scroll">
          <table className="data impact-table" aria-label="Live policy and draft compared">
            <thead>
              <tr>
                <th>Over the period</th>
                <th className="num">Live (v{simulation.replayed.currentVersion})</th>
                <th className="num">Draft</th>
                <th className="num">Change</th>
              </tr>
            </thead>
            <tbody>
              {impactRows(simulation.current, simulation.draft).map((row) => (
                <tr key={row.label} className={row.sub ? 'sub' : undefined}>
                  <th scope="row">{row.label}</th>
                  <td className="num">{row.live}</td>
                  <td className="num">{row.draft}</td>
                  <td className={`num change ${row.tone}`}>{row.change}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {simulation.gained.leads > 0 && (
        <ChangedSet kind="gained" set={simulation.gained} both={simulation.both} />
      )}
      {simulation.lost.leads > 0 && <ChangedSet kind="lost" set={simulation.lost} both={simulation.both} />}
    </section>
  );
}

const TITLES = {
  gained: 'Gained: qualified only under the draft',
  lost: 'Lost: qualified only under the live policy',
} as const;

function ChangedSet({
  kind,
  set,
  both,
}: {
  kind: 'gained' | 'lost';
  set: LeadSetSummaryView & { examples: SimulationExampleView[] };
  both: LeadSetSummaryView;
}) {
  const id = `impact-${kind}`;
  return (
    <section className={`impact-set ${kind}`} aria-labelledby={id} data-testid={id}>
      <h3 id={id}>
        {TITLES[kind]} ({set.leads.toLocaleString('en')})
      </h3>
      <p>{changedSetSentence(kind, set, both)}</p>
      <p className="muted small">{setOutcomesLine(set)}</p>
      {set.examples.length > 0 && (
        <div className="table-scroll">
          <table className="data impact-examples" aria-label={`Example leads ${kind}`}>
            <caption className="muted small">
              {set.examples.length < set.leads
                ? `The ${set.examples.length} that went furthest, of ${set.leads.toLocaleString('en')}`
                : set.examples.length === 1
                  ? 'The lead'
                  : `All ${set.examples.length}`}
              , and why each policy decides as it does.
            </caption>
            <thead>
              <tr>
                <th>Lead</th>
                <th>Where it ended up</th>
                <th>Live policy</th>
                <th>Draft</th>
              </tr>
            </thead>
            <tbody>
              {set.examples.map((example) => (
                <tr key={example.leadId}>
                  <td>
                    <Link href={`/leads/${example.leadId}`}>{example.email}</Link>
                  </td>
                  <td>{exampleOutcome(example.outcome)}</td>
                  <td className="why">{example.current.why}</td>
                  <td className="why">{example.draft.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
