import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { sessions, tenants, users } from '../../db/schema';

export interface UserRow {
  tenantId: string;
  id: string;
  email: string;
  name: string;
  role: string;
  passwordHash: string | null;
}

export interface SessionRow {
  tokenHash: string;
  tenantId: string;
  tenantName: string;
  csrfToken: string;
  expiresAt: Date;
  user: { id: string; email: string; name: string; role: string };
}

const userColumns = {
  tenantId: users.tenantId,
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  passwordHash: users.passwordHash,
};

/** Emails are unique across tenants (users_email_uq), so sign-in needs no tenant. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return row;
}

export async function listUsers(db: Db, tenantId: string): Promise<UserRow[]> {
  return db.select(userColumns).from(users).where(eq(users.tenantId, tenantId)).orderBy(asc(users.name));
}

/** The ids among `ids` that are users of this tenant: an owner must be one of the workspace's own users. */
export async function findUserIds(db: Db, tenantId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), sql`${users.id} = any(${sql.param([...ids])}::uuid[])`));
  return new Set(found.map((row) => row.id));
}

/** email (lower case) → id of the tenant's users among `emails`: an import names owners by email. */
export async function findUserIdsByEmail(
  db: Db,
  tenantId: string,
  emails: readonly string[],
): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const found = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = any(${sql.param([...emails])}::text[])`),
    );
  return new Map(found.map((row) => [row.email.toLowerCase(), row.id]));
}

export async function insertUser(
  db: Db,
  user: { tenantId: string; email: string; name: string; role: string; passwordHash: string | null },
): Promise<UserRow> {
  const [row] = await db.insert(users).values(user).returning(userColumns);
  return row!;
}

export async function setPasswordHash(db: Db, tenantId: string, id: string, passwordHash: string) {
  await db
    .update(users)
    .set({ passwordHash })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
}

export async function insertSession(
  db: Db,
  session: { tokenHash: string; tenantId: string; userId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db.insert(sessions).values(session);
}

/** A session that has not expired, with its user and tenant; expired rows are as good as absent. */
export async function findLiveSession(db: Db, tokenHash: string, now: Date): Promise<SessionRow | undefined> {
  const [row] = await db
    .select({
      tokenHash: sessions.tokenHash,
      tenantId: sessions.tenantId,
      tenantName: tenants.name,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row) return undefined;
  return {
    tokenHash: row.tokenHash,
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    user: { id: row.userId, email: row.email, name: row.name, role: row.role },
  };
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteUserSessions(db: Db, tenantId: string, userId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId)));
}
