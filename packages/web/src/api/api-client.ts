import { createClient } from '@triage/contracts';

let csrfToken: string | null = null;

/** The session's CSRF token, kept in memory only: it is read again from GET /v1/session on every load. */
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

export const api = createClient({ csrfToken: () => csrfToken });
