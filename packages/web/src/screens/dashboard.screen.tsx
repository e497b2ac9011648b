import { useQuery } from '@tanstack/react-query';
import type { Conversion } from '@triage/contracts';
import type { Stage } from '@triage/core';
import { type ReactNode, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api/api-client';
import { IcpInsightsCard } from '../icp/icp-insights-card';
import { formatHours, formatMinutes, humanize, percent } from '../logic/format';
import { ModelAnalyticsCard } from '../models/model-analytics-card';
import { useDocumentTitle } from '../routing/router';
import { SHORT_STAGE } from '../ui/stage-badge';

const C = {
  brand: '#e8590c',
  blue: '#2f5bea',
  green: '#12805c',
  grey: '#98a2b3',
  red: '#c01048',
  amber: '#f79009',
};
const stageName = (s: string) => SHORT_STAGE[s as Stage] ?? humanize(s);

interface Column<T> {
  label: string;
  value: (row: T) => ReactNode;
  num?: boolean;
}

/** The numbers behind a chart, for reading exact values and for screen readers. */
function NumbersTable<T>({ caption, rows, columns }: { caption: string; rows: T[]; columns: Column<T>[] }) {
  return (
    <details>
      <summary>Show the numbers</summary>
      <table className="data">
        <caption className="muted small">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} className={c.num ? 'num' : undefined} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position
            <tr key={i}>
              {columns.map((c) => (
                <td key={c.label} className={c.num ? 'num' : undefined}>
                  {c.value(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function DashboardScreen() {
  useDocumentTitle('Dashboard');
  const funnel = useQuery({ queryKey: ['leads', 'analytics', 'funnel'], queryFn: () => api.funnel() });
  const speed = useQuery({ queryKey: ['leads', 'analytics', 'speed'], queryFn: () => api.speedToLead() });
  const [by, setBy] = useState<Conversion['by']>('source');
  const conversion = useQuery({
    queryKey: ['leads', 'analytics', 'conversion', by],
    queryFn: () => api.conversion(by),
  });

  const f = funnel.data;
  const stages = (f?.stages ?? []).map((s) => ({ ...s, name: stageName(s.stage) }));
  const conversions = (f?.conversions ?? []).map((c) => ({
    ...c,
    name: `${stageName(c.from)} → ${stageName(c.to)}`,
    pct: c.rate === null ? 0 : Math.round(c.rate * 1000) / 10,
  }));
  const times = (f?.timeInStage ?? [])
    .filter((t) => t.samples > 0)
    .map((t) => ({ ...t, name: stageName(t.stage) }));
  const reasons = (f?.disqualificationReasons ?? []).map((r) => ({ ...r, name: humanize(r.reason) }));
  const groups = (conversion.data?.groups ?? []).map((g) => ({
    ...g,
    name: by === 'source' ? g.key : humanize(g.key),
    qualifiedPct: g.qualifiedRate === null ? 0 : Math.round(g.qualifiedRate * 1000) / 10,
    customerPct: g.customerRate === null ? 0 : Math.round(g.customerRate * 1000) / 10,
  }));
  const open = stages.filter((s) => !['customer', 'disqualified', 'closed_lost'].includes(s.stage));
  const sqlStep = f?.conversions.find((c) => c.from === 'sal' && c.to === 'sql');

  return (
    <section aria-labelledby="dash-title">
      <div className="screen-head">
        <h1 id="dash-title">Dashboard</h1>
        <p className="muted small">
          {f ? `Transitions from ${f.from} to ${f.to}; current counts are live.` : ''}
        </p>
      </div>
      <div className="kpis">
        <div className="kpi">
          <span className="muted small">Open leads</span>
          <span className="big-number" data-testid="kpi-open">
            {f ? open.reduce((n, s) => n + s.current, 0).toLocaleString('en') : '—'}
          </span>
        </div>
        <div className="kpi">
          <span className="muted small">SAL → SQL</span>
          <span className="big-number">{sqlStep ? percent(sqlStep.rate) : '—'}</span>
        </div>
        <div className="kpi">
          <span className="muted small">Median speed to lead</span>
          <span className="big-number">{speed.data ? formatMinutes(speed.data.medianMinutes) : '—'}</span>
        </div>
        <div className="kpi">
          <span className="muted small">Hand-raisers waiting</span>
          <span className="big-number">{speed.data?.open ?? '—'}</span>
        </div>
      </div>
      <div className="dash-grid">
        <ChartCard title="Funnel: leads per stage">
          <div className="chart">
            <ResponsiveContainer>
              <BarChart data={stages} margin={{ left: -10, right: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="name" interval={0} angle={-30} textAnchor="end" height={56} fontSize={11} />
                <YAxis fontSize={11} allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Bar
                  isAnimationActive={false}
                  dataKey="current"
                  name="In stage now"
                  fill={C.brand}
                  radius={[4, 4, 0, 0]}
                />
                <Bar
                  isAnimationActive={false}
                  dataKey="entered"
                  name="Entered in period"
                  fill={C.blue}
                  radius={[4, 4, 0, 0]}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <NumbersTable
            caption="Leads per stage"
            rows={stages}
            columns={[
              { label: 'Stage', value: (r) => r.name },
              { label: 'Now', value: (r) => r.current, num: true },
              { label: 'Entered', value: (r) => r.entered, num: true },
            ]}
          />
        </ChartCard>
        <ChartCard title="Stage-to-stage conversion">
          <div className="chart">
            <ResponsiveContainer>
              <BarChart data={conversions} layout="vertical" margin={{ left: 40, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" unit="%" domain={[0, 100]} fontSize={11} />
                <YAxis type="category" dataKey="name" width={110} fontSize={11} />
                <Tooltip formatter={(v) => `${v}%`} />
                <Bar
                  isAnimationActive={false}
                  dataKey="pct"
                  name="Converted"
                  fill={C.green}
                  radius={[0, 4, 4, 0]}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <NumbersTable
            caption="Conversion per step"
            rows={conversions}
            columns={[
              { label: 'Step', value: (r) => r.name },
              { label: 'Entered', value: (r) => r.entered, num: true },
              { label: 'Converted', value: (r) => r.converted, num: true },
              { label: 'Rate', value: (r) => percent(r.rate), num: true },
            ]}
          />
        </ChartCard>
        <ChartCard title="Median time in stage (hours)">
          <div className="chart">
            <ResponsiveContainer>
              <BarChart data={times} margin={{ left: -10, right: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="name" fontSize={11} />
                <YAxis fontSize={11} />
                <Tooltip />
                <Bar
                  isAnimationActive={false}
                  dataKey="medianHours"
                  name="Median hours"
                  fill={C.amber}
                  radius={[4, 4, 0, 0]}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <NumbersTable
            caption="Median time in stage"
            rows={times}
            columns={[
              { label: 'Stage', value: (r) => r.name },
              { label: 'Median', value: (r) => formatHours(r.medianHours), num: true },
              { label: 'Samples', value: (r) => r.samples, num: true },
            ]}
          />
        </ChartCard>
        <ChartCard title="Disqualification reasons">
          <div className="chart">
            <ResponsiveContainer>
              <BarChart data={reasons} layout="vertical" margin={{ left: 40, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} fontSize={11} />
                <YAxis type="category" dataKey="name" width={110} fontSize={11} />
                <Tooltip />
                <Bar
                  isAnimationActive={false}
                  dataKey="count"
                  name="Leads"
                  fill={C.red}
                  radius={[0, 4, 4, 0]}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <NumbersTable
            caption="Disqualification reasons"
            rows={reasons}
            columns={[
              { label: 'Reason', value: (r) => r.name },
              { label: 'Leads', value: (r) => r.count, num: true },
            ]}
          />
        </ChartCard>
        <ChartCard title="Conversion by group">
          <label className="inline small">
            Group by
            <select value={by} onChange={(e) => setBy(e.target.value as Conversion['by'])}>
              <option value="source">Source</option>
              <option value="fit_band">Fit band</option>
              <option value="heat_band">Heat band</option>
            </select>
          </label>
          <div className="chart">
            <ResponsiveContainer>
              <BarChart data={groups.slice(0, 12)} margin={{ left: -10, right: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="name" interval={0} angle={-20} textAnchor="end" height={50} fontSize={11} />
                <YAxis unit="%" fontSize={11} />
                <Tooltip formatter={(v) => `${v}%`} />
                <Legend />
                <Bar
                  isAnimationActive={false}
                  dataKey="qualifiedPct"
                  name="Reached SQL"
                  fill={C.blue}
                  radius={[4, 4, 0, 0]}
                />
                <Bar
                  isAnimationActive={false}
                  dataKey="customerPct"
                  name="Became customer"
                  fill={C.green}
                  radius={[4, 4, 0, 0]}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <NumbersTable
            caption={`Conversion by ${humanize(by).toLowerCase()}`}
            rows={groups}
            columns={[
              { label: 'Group', value: (r) => r.name },
              { label: 'Leads', value: (r) => r.leads, num: true },
              { label: 'SQL+', value: (r) => r.qualified, num: true },
              { label: 'Customers', value: (r) => r.customers, num: true },
              { label: 'SQL rate', value: (r) => percent(r.qualifiedRate), num: true },
              { label: 'Win rate', value: (r) => percent(r.customerRate), num: true },
            ]}
          />
        </ChartCard>
        <ChartCard title="Speed to lead (hand-raisers' first contact)">
          <div className="chart">
            <ResponsiveContainer>
              <BarChart data={speed.data?.buckets ?? []} margin={{ left: -10, right: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" fontSize={11} />
                <YAxis allowDecimals={false} fontSize={11} />
                <Tooltip />
                <Bar
                  isAnimationActive={false}
                  dataKey="count"
                  name="Leads contacted"
                  fill={C.brand}
                  radius={[4, 4, 0, 0]}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <p className="small muted">
            {speed.data
              ? `${speed.data.contacted} contacted, median ${formatMinutes(speed.data.medianMinutes)}; ${speed.data.open} still waiting${speed.data.oldestOpenMinutes !== null ? `, the longest for ${formatMinutes(speed.data.oldestOpenMinutes)}` : ''}.`
              : ''}
          </p>
          <NumbersTable
            caption="First-contact delay"
            rows={speed.data?.buckets ?? []}
            columns={[
              { label: 'Delay', value: (r) => r.label },
              { label: 'Leads', value: (r) => r.count, num: true },
            ]}
          />
        </ChartCard>
        <ModelAnalyticsCard />
        <IcpInsightsCard />
      </div>
    </section>
  );
}
