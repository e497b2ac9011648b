import type { Db } from '../../db/create-db';
import { notFound } from '../../http-error';
import type { LeadRow } from './lead-row';
import { findLead } from './leads.repository';

/** Another tenant's lead is "not found" too: ids never reveal that a row exists elsewhere. */
export async function requireLead(db: Db, tenantId: string, id: string, forUpdate = false): Promise<LeadRow> {
  const lead = await findLead(db, tenantId, id, forUpdate);
  if (!lead) throw notFound('Lead');
  return lead;
}
