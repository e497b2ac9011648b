import type { Db } from '../../db/create-db';
import { invalid } from '../../http-error';
import { findUserIds } from '../users/users.repository';

export const UNKNOWN_OWNER = 'no user with this id in this workspace';

/** An owner is one of the workspace's users; an id from elsewhere (another tenant's user) is refused like a typo. */
export async function requireOwner(db: Db, tenantId: string, ownerId: string | null | undefined) {
  if (ownerId && !(await findUserIds(db, tenantId, [ownerId])).has(ownerId))
    throw invalid([{ location: 'body', pointer: '/ownerId', message: UNKNOWN_OWNER }]);
}
