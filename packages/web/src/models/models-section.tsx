import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, type PredictiveModel } from '@triage/contracts';
import { useState } from 'react';
import { api } from '../api/api-client';

const metric = (n: number | null | undefined, digits = 3) =>
  n === null || n === undefined ? '—' : n.toFixed(digits);

/** Model versions with their held-out metrics; train a new one, activate one or roll back to an older one. */
export function ModelsSection() {
  const queryClient = useQueryClient();
  const models = useQuery({
    queryKey: ['models'],
    queryFn: () => api.models(),
    // A training runs in the background: poll while one is under way.
    refetchInterval: (query) => (query.state.data?.items.some((m) => m.status === 'training') ? 2000 : false),
  });
  const [message, setMessage] = useState<{ text: string; tone: 'good' | 'bad' } | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['models'] });
    void queryClient.invalidateQueries({ queryKey: ['lead'] });
  };
  const train = useMutation({
    mutationFn: () => api.trainModel(),
    onSuccess: () => {
      setMessage({ text: 'Training started; the new version appears below when it is ready.', tone: 'good' });
      refresh();
    },
    onError: (e) => setMessage({ text: e instanceof ApiError ? e.message : 'Training failed.', tone: 'bad' }),
  });
  const activate = useMutation({
    mutationFn: (model: PredictiveModel) => api.activateModel(model.id),
    onSuccess: (result) => {
      setMessage({
        text: `Version ${result.model.version} is active; ${result.rescored.toLocaleString('en')} open leads re-predicted.`,
        tone: 'good',
      });
      refresh();
    },
    onError: (e) =>
      setMessage({ text: e instanceof ApiError ? e.message : 'Could not activate.', tone: 'bad' }),
  });
  const items = models.data?.items ?? [];
  const active = items.find((m) => m.active);
  return (
    <section className="card" aria-labelledby="models-title">
      <div className="card-head">
        <h2 id="models-title">Models</h2>
        <button type="button" className="btn" disabled={train.isPending} onClick={() => train.mutate()}>
          {train.isPending ? 'Starting…' : 'Train a new model'}
        </button>
      </div>
      <p className="muted small">
        A model learns from this workspace's won and lost leads, and is measured on the most recent ones it
        did not see, beside a naive-Bayes baseline.{' '}
        {active ? `Version ${active.version} is active.` : 'No model is active.'}
      </p>
      {message && (
        <p
          className={message.tone === 'bad' ? 'error' : 'ok'}
          role={message.tone === 'bad' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="data" aria-label="Model versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Trained on
                </th>
                <th scope="col" className="num">
                  ROC AUC
                </th>
                <th scope="col" className="num">
                  Naive Bayes
                </th>
                <th scope="col" className="num">
                  PR AUC
                </th>
                <th scope="col" className="num">
                  Top-10% lift
                </th>
                <th scope="col">
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td>v{m.version}</td>
                  <td>
                    {m.active ? <strong>active</strong> : m.status}
                    {m.error && <span className="small error"> {m.error}</span>}
                  </td>
                  <td className="num">
                    {m.trainingRows ?? '—'}
                    {m.won !== null && m.lost !== null ? ` (${m.won} won, ${m.lost} lost)` : ''}
                  </td>
                  <td className="num">{metric(m.metrics?.model.rocAuc)}</td>
                  <td className="num">{metric(m.metrics?.naiveBayes.rocAuc)}</td>
                  <td className="num">{metric(m.metrics?.model.prAuc)}</td>
                  <td className="num">{metric(m.metrics?.model.topDecileLift, 2)}</td>
                  <td>
                    {m.status === 'ready' && !m.active && (
                      <button
                        type="button"
                        className="btn ghost small"
                        disabled={activate.isPending}
                        onClick={() => activate.mutate(m)}
                      >
                        {active && m.version < active.version
                          ? `Roll back to v${m.version}`
                          : `Activate v${m.version}`}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        models.isSuccess && <p className="muted">No model has been trained yet.</p>
      )}
    </section>
  );
}
