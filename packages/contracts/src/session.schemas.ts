import { z } from 'zod';

/** The header a cookie-authenticated client sends with every unsafe request (double submit of the session's token). */
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'triage_session';

export const signInSchema = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email('must be an email address').max(254)),
  password: z.string().min(1, 'must not be empty').max(200),
});
export type SignIn = z.infer<typeof signInSchema>;

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const sessionSchema = z.object({
  user: userSchema,
  tenant: z.object({ id: z.uuid(), name: z.string() }),
  /** Send it back in the x-csrf-token header on POST, PUT, PATCH and DELETE. */
  csrfToken: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type Session = z.infer<typeof sessionSchema>;

export const userListSchema = z.object({ items: z.array(userSchema) });
export type UserList = z.infer<typeof userListSchema>;
