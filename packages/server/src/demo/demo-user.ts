import type { Db } from '../db/create-db';
import { upsertUserWithPassword } from '../modules/users/users.service';
import { randomToken } from '../secrets';

export const DEMO_USER_EMAIL = 'demo@triage.local';

export interface DemoUser {
  email: string;
  /** A fresh password on every start, printed by `triage serve --demo`; only its argon2 hash is stored. */
  password: string;
}

export async function ensureDemoUser(db: Db, tenantId: string): Promise<DemoUser> {
  const password = randomToken(9);
  await upsertUserWithPassword(db, {
    tenantId,
    email: DEMO_USER_EMAIL,
    name: 'Dana Demo',
    role: 'manager',
    password,
  });
  return { email: DEMO_USER_EMAIL, password };
}
