import type { Db } from '../../db/create-db';
import { leadGone } from '../duplicates/lead-gone';
import type { LeadRow } from './lead-row';
import { findLead } from './leads.repository';

/**
 * Another tenant's lead is "not found" too: ids never reveal that a row exists elsewhere. A lead merged into
 * another answers 404 with `mergedInto`.
 */
export async function requireLead(db: Db, tenantId: string, id: string, forUpdate = false): Promise<LeadRow> {
  const lead = await findLead(db, tenantId, id, forUpdate);
  if (!lead) throw await leadGone(db, tenantId, id);
  return lead;
}
