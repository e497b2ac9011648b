import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, type ApiKey, type CreatedApiKey } from '@triage/contracts';
import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client';

const day = (iso: string) => new Date(iso).toLocaleDateString('en', { dateStyle: 'medium' });

/**
 * The workspace's API keys: give each integration its own, rotate one by creating its successor first, revoke
 * the old one. A new key is shown here once, the only time it exists outside the integration that uses it.
 */
export function ApiKeysSection() {
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => api.apiKeys() });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Revoking cuts an integration off at once: the button asks once more, in place.
  const [confirming, setConfirming] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
  const failed = (fallback: string) => (error: unknown) =>
    setProblem(error instanceof ApiError ? error.message : fallback);

  const create = useMutation({
    mutationFn: (keyName: string) => api.createApiKey({ name: keyName }),
    onSuccess: (key) => {
      setCreated(key);
      setName('');
      setProblem(null);
      refresh();
    },
    onError: failed('The key could not be created.'),
  });
  const revoke = useMutation({
    mutationFn: (key: ApiKey) => api.revokeApiKey(key.id),
    onSuccess: () => {
      setConfirming(null);
      setProblem(null);
      refresh();
    },
    onError: failed('The key could not be revoked.'),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate(name.trim());
  };

  return (
    <section className="card" aria-labelledby="api-keys-title">
      <div className="card-head">
        <h2 id="api-keys-title">API keys</h2>
      </div>
      <p className="muted small">
        Integrations send events and read leads with a key: <code>Authorization: Bearer &lt;key&gt;</code>. A
        revoked key stops working at once here and within 30 seconds on other servers.
      </p>
      <form className="row" onSubmit={submit}>
        <label>
          New key for{' '}
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Website forms" />
        </label>
        <button type="submit" className="btn" disabled={!name.trim() || create.isPending}>
          Create key
        </button>
      </form>
      {created && (
        <p className="ok" role="status">
          Key “{created.name}”: <code>{created.key}</code> — copy it now; it is not shown again.
        </p>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <table className="data" aria-label="API keys">
        <thead>
          <tr>
            <th>Name</th>
            <th>Starts with</th>
            <th>Created</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(keys.data?.items ?? []).map((key) => (
            <tr key={key.id}>
              <td>{key.name}</td>
              <td>
                <code>{key.prefix}…</code>
              </td>
              <td>{day(key.createdAt)}</td>
              <td>{key.revokedAt ? `revoked ${day(key.revokedAt)}` : 'live'}</td>
              <td>
                {!key.revokedAt &&
                  (confirming === key.id ? (
                    <span className="row">
                      <button
                        type="button"
                        className="btn small danger"
                        disabled={revoke.isPending}
                        onClick={() => revoke.mutate(key)}
                        aria-label={`Confirm: revoke ${key.name}`}
                      >
                        Revoke now
                      </button>
                      <button type="button" className="btn small ghost" onClick={() => setConfirming(null)}>
                        Keep
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="btn small"
                      onClick={() => setConfirming(key.id)}
                      aria-label={`Revoke ${key.name}`}
                    >
                      Revoke
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
