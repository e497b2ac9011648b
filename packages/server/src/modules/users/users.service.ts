import { hash, verify } from '@node-rs/argon2';
import type { Session, SignIn, User, UserList } from '@triage/contracts';
import type { AppContext } from '../../context';
import type { Db } from '../../db/create-db';
import { HttpError, notFound } from '../../http-error';
import type { AuthContext } from '../../plugins/auth';
import { hashSecret, randomToken } from '../../secrets';
import {
  deleteSession,
  deleteUserSessions,
  findLiveSession,
  findUserByEmail,
  insertSession,
  insertUser,
  listUsers,
  type SessionRow,
  setPasswordHash,
  type UserRow,
} from './users.repository';

export const SESSION_TTL_MS = 14 * 86_400_000;

/** Verified when the email is unknown, so a wrong email and a wrong password take the same time. */
let decoyHash: Promise<string> | undefined;
const decoy = () => {
  decoyHash ??= hash(randomToken());
  return decoyHash;
};

export const hashPassword = (password: string) => hash(password);

const toUser = (row: Pick<UserRow, 'id' | 'email' | 'name' | 'role'>): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
});

export function toSessionView(session: SessionRow): Session {
  return {
    user: toUser(session.user),
    tenant: { id: session.tenantId, name: session.tenantName },
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
  };
}

const badCredentials = () =>
  new HttpError(401, 'invalid_credentials', 'The email or the password is not right.');

/** Checks the password and opens a session; the token goes to the cookie, only its hash is stored. */
export async function signIn(ctx: AppContext, input: SignIn): Promise<{ token: string; session: Session }> {
  const user = await findUserByEmail(ctx.db, input.email);
  if (!user?.passwordHash) {
    await verify(await decoy(), input.password).catch(() => false);
    throw badCredentials();
  }
  const ok = await verify(user.passwordHash, input.password).catch(() => false);
  if (!ok) throw badCredentials();
  const token = randomToken(32);
  const tokenHash = hashSecret(token);
  const expiresAt = new Date(ctx.now() + SESSION_TTL_MS);
  await insertSession(ctx.db, {
    tokenHash,
    tenantId: user.tenantId,
    userId: user.id,
    csrfToken: randomToken(24),
    expiresAt,
  });
  const session = await findLiveSession(ctx.db, tokenHash, new Date(ctx.now()));
  return { token, session: toSessionView(session!) };
}

export async function currentSession(ctx: AppContext, tokenHash: string | null): Promise<Session> {
  const session = tokenHash ? await findLiveSession(ctx.db, tokenHash, new Date(ctx.now())) : undefined;
  if (!session) throw notFound('A session (this request is authenticated with an API key)');
  return toSessionView(session);
}

export async function signOut(ctx: AppContext, tokenHash: string | null): Promise<void> {
  if (tokenHash) await deleteSession(ctx.db, tokenHash);
}

export async function usersOfTenant(ctx: AppContext, auth: AuthContext): Promise<UserList> {
  return { items: (await listUsers(ctx.db, auth.tenantId)).map(toUser) };
}

/**
 * Creates the user, or gives an existing one (same email) this password and ends its sessions.
 * Used for the demo user, whose password changes on every start.
 */
export async function upsertUserWithPassword(
  db: Db,
  user: { tenantId: string; email: string; name: string; role: string; password: string },
): Promise<User> {
  const passwordHash = await hashPassword(user.password);
  const existing = await findUserByEmail(db, user.email);
  if (existing) {
    if (existing.tenantId !== user.tenantId)
      throw new Error(`${user.email} already belongs to another workspace`);
    await setPasswordHash(db, existing.tenantId, existing.id, passwordHash);
    await deleteUserSessions(db, existing.tenantId, existing.id);
    return toUser(existing);
  }
  return toUser(await insertUser(db, { ...user, passwordHash }));
}
