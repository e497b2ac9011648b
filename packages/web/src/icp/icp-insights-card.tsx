import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, type IcpInsightsView } from '@triage/contracts';
import type { IcpRule } from '@triage/core';
import { useState } from 'react';
import { api } from '../api/api-client';

type Insight = IcpInsightsView['insights'][number];

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * The ICP checked against the workspace's customers: values they over- or under-index on, and the rule each
 * suggests, added to the scoring policy (a new version, every lead rescored) with one click.
 */
export function IcpInsightsCard() {
  const queryClient = useQueryClient();
  const insights = useQuery({ queryKey: ['leads', 'analytics', 'icp'], queryFn: () => api.icpInsights() });
  const policy = useQuery({ queryKey: ['policy'], queryFn: () => api.getPolicy() });
  const [message, setMessage] = useState<{ text: string; tone: 'good' | 'bad' } | null>(null);
  const inPolicy = new Set((policy.data?.policy.icp.rules ?? []).map((rule) => rule.id));

  const add = useMutation({
    mutationFn: async (insight: Insight) => {
      const current = await api.getPolicy();
      const rule = insight.rule as IcpRule;
      return api.putPolicy({
        policy: { ...current.policy, icp: { rules: [...current.policy.icp.rules, rule] } },
        note: `ICP insights: ${insight.field} ${insight.label} (${insight.lift.toFixed(1)}×)`,
      });
    },
    onSuccess: (result) => {
      setMessage({
        text: `Version ${result.version} is live; ${result.rescoredLeads.toLocaleString('en')} leads rescored.`,
        tone: 'good',
      });
      queryClient.setQueryData(['policy'], result);
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
    },
    onError: (error) =>
      setMessage({
        text: error instanceof ApiError ? error.message : 'The rule could not be added.',
        tone: 'bad',
      }),
  });

  const data = insights.data;
  return (
    <section className="card" aria-label="ICP insights">
      <h2>ICP against your customers</h2>
      {!data ? (
        <p className="muted small">Loading…</p>
      ) : !data.enough ? (
        <p className="muted small">{data.reason}</p>
      ) : data.insights.length === 0 ? (
        <p className="muted small">
          No value stands out yet: {data.won} customers of {data.leads.toLocaleString('en')} leads (
          {pct(data.baseRate)}).
        </p>
      ) : (
        <>
          <p className="muted small">
            {data.won} customers of {data.leads.toLocaleString('en')} leads ({pct(data.baseRate)}). Values
            whose customer rate is clearly above or below that, with the rule each suggests.
          </p>
          <table className="data" aria-label="ICP insights">
            <thead>
              <tr>
                <th>Attribute</th>
                <th>Value</th>
                <th className="num">Customers</th>
                <th className="num">Rate</th>
                <th className="num">Suggested points</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.insights.slice(0, 12).map((insight) => {
                const rule = insight.rule as IcpRule;
                const added = inPolicy.has(rule.id);
                return (
                  <tr key={rule.id}>
                    <td>{insight.field}</td>
                    <td>{insight.label}</td>
                    <td className="num">
                      {insight.won} / {insight.leads}
                    </td>
                    <td className="num">
                      {pct(insight.rate)} ({insight.lift.toFixed(1)}×)
                    </td>
                    <td className="num">{rule.weight > 0 ? `+${rule.weight}` : rule.weight}</td>
                    <td>
                      <button
                        type="button"
                        className="btn small"
                        disabled={added || add.isPending}
                        onClick={() => add.mutate(insight)}
                        aria-label={`Add ${insight.field} ${insight.label} to the ICP`}
                      >
                        {added ? 'In the ICP' : 'Add to ICP'}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      {message && (
        <p className={message.tone === 'bad' ? 'error' : 'ok'} role="status">
          {message.text}
        </p>
      )}
    </section>
  );
}
