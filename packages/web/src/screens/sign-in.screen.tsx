import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@triage/contracts';
import { type FormEvent, useState } from 'react';
import { api, setCsrfToken } from '../api/api-client';
import { useDocumentTitle } from '../routing/router';

export function SignInScreen() {
  useDocumentTitle('Sign in');
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.signIn({ email, password });
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(['session'], session);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The server could not be reached.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <div className="brand big">
          <span className="brand-mark" aria-hidden="true" />
          Triage
        </div>
        <h1 id="signin-title">Sign in</h1>
        <p className="muted">Qualify the leads that deserve your time today.</p>
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn primary wide" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted small">
          Trying the demo? <code>npm start</code> prints the demo user's email and password.
        </p>
      </form>
    </main>
  );
}
