import { useQuery } from '@tanstack/react-query';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api } from '../api/api-client';
import { percent } from '../logic/format';

const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
const ratio = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100) / 100}×`);

/**
 * How far the active model can be trusted, measured on the most recent closed leads it never saw: predicted
 * against observed conversion per probability bin, and how much better than average each score band converts.
 */
export function ModelAnalyticsCard() {
  const model = useQuery({ queryKey: ['models', 'analytics'], queryFn: () => api.modelAnalytics() });
  const m = model.data;
  if (!m) return null;
  if (!m.active)
    return (
      <section className="card wide" aria-label="Predictive model">
        <h2>Predictive model</h2>
        <p className="muted" data-testid="model-empty">
          No model is active, so lead scores are fit + engagement rather than a chance to convert. Train one
          in Settings → Models once the workspace has enough won and lost leads.
        </p>
      </section>
    );
  const reliability = m.reliability
    .filter((b) => b.count > 0)
    .map((b) => ({
      ...b,
      name: `${Math.round(b.from * 100)}–${Math.round(b.to * 100)}%`,
      predicted: pct(b.meanPredicted),
      observed: pct(b.observedRate),
    }));
  const lift = m.lift.map((b) => ({ ...b, name: `${b.band}`, liftValue: b.lift ?? 0 }));
  return (
    <section className="card wide" aria-label="Predictive model">
      <h2>
        Predictive model: version {m.modelVersion}
        <span className="muted small"> (held-out ROC AUC {m.metrics?.rocAuc?.toFixed(3) ?? '—'}</span>
        <span className="muted small">
          , naive Bayes {m.naiveBayes?.rocAuc?.toFixed(3) ?? '—'}; top-decile lift{' '}
          {ratio(m.metrics?.topDecileLift ?? null)})
        </span>
      </h2>
      <div className="dash-pair">
        <div>
          <h3>Reliability: predicted vs observed</h3>
          <div className="chart">
            <ResponsiveContainer>
              <LineChart data={reliability} margin={{ left: -10, right: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" fontSize={11} />
                <YAxis unit="%" fontSize={11} domain={[0, 100]} />
                <Tooltip formatter={(v) => `${v}%`} />
                <Legend />
                <Line
                  isAnimationActive={false}
                  dataKey="predicted"
                  name="Predicted"
                  stroke="#98a2b3"
                  strokeDasharray="4 4"
                />
                <Line isAnimationActive={false} dataKey="observed" name="Observed" stroke="#2f5bea" />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <details>
            <summary>Show the numbers</summary>
            <table className="data">
              <caption className="muted small">Reliability on the held-out leads</caption>
              <thead>
                <tr>
                  <th scope="col">Predicted</th>
                  <th scope="col" className="num">
                    Leads
                  </th>
                  <th scope="col" className="num">
                    Mean predicted
                  </th>
                  <th scope="col" className="num">
                    Observed
                  </th>
                </tr>
              </thead>
              <tbody>
                {reliability.map((b) => (
                  <tr key={b.name}>
                    <td>{b.name}</td>
                    <td className="num">{b.count}</td>
                    <td className="num">{percent(b.meanPredicted)}</td>
                    <td className="num">{percent(b.observedRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </div>
        <div>
          <h3>Lift by score band (1 = best tenth)</h3>
          <div className="chart">
            <ResponsiveContainer>
              <BarChart data={lift} margin={{ left: -10, right: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="name" fontSize={11} />
                <YAxis fontSize={11} />
                <Tooltip />
                <Bar isAnimationActive={false} dataKey="liftValue" name="Lift" fill="#12805c" />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details>
            <summary>Show the numbers</summary>
            <table className="data">
              <caption className="muted small">Held-out leads by score band</caption>
              <thead>
                <tr>
                  <th scope="col">Band</th>
                  <th scope="col" className="num">
                    Scores
                  </th>
                  <th scope="col" className="num">
                    Leads
                  </th>
                  <th scope="col" className="num">
                    Won
                  </th>
                  <th scope="col" className="num">
                    Rate
                  </th>
                  <th scope="col" className="num">
                    Lift
                  </th>
                  <th scope="col" className="num">
                    Cumulative
                  </th>
                </tr>
              </thead>
              <tbody>
                {m.lift.map((b) => (
                  <tr key={b.band}>
                    <td>{b.band}</td>
                    <td className="num">
                      {Math.round(b.minScore)}–{Math.round(b.maxScore)}
                    </td>
                    <td className="num">{b.leads}</td>
                    <td className="num">{b.won}</td>
                    <td className="num">{percent(b.rate)}</td>
                    <td className="num">{ratio(b.lift)}</td>
                    <td className="num">{ratio(b.cumulativeLift)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </div>
      </div>
    </section>
  );
}
