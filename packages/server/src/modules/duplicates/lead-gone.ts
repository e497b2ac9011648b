import type { Db } from '../../db/create-db';
import { HttpError, notFound } from '../../http-error';
import { findTombstone } from './duplicates.repository';

/**
 * The 404 for an id that names no lead. For one merged away the answer says where its history went
 * (`mergedInto`), so a stored link or an integration can follow it.
 */
export async function leadGone(db: Db, tenantId: string, id: string): Promise<HttpError> {
  const tombstone = await findTombstone(db, tenantId, id);
  if (!tombstone) return notFound('Lead');
  return new HttpError(
    404,
    'lead_merged',
    `Lead ${id} was merged into lead ${tombstone.mergedInto}`,
    undefined,
    undefined,
    { mergedInto: tombstone.mergedInto },
  );
}
