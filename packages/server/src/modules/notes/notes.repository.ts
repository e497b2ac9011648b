import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { firstRow, rows } from '../../db/sql';

export interface NoteRow {
  id: string;
  leadId: string;
  text: string;
  referenceDate: string;
  framework: string;
  analysis: unknown;
  createdBy: string | null;
  createdAt: Date | string;
}

const COLUMNS =
  sql.raw(`id, lead_id as "leadId", text, reference_date as "referenceDate", framework, analysis,
  created_by as "createdBy", created_at as "createdAt"`);

export async function insertNote(
  db: Db,
  tenantId: string,
  note: Omit<NoteRow, 'id' | 'createdAt'> & { createdAt: Date },
): Promise<NoteRow> {
  const row = await firstRow<NoteRow>(
    db,
    sql`insert into notes (tenant_id, lead_id, text, reference_date, framework, analysis, created_by, created_at)
        values (${tenantId}, ${note.leadId}, ${note.text}, ${note.referenceDate}, ${note.framework},
                ${JSON.stringify(note.analysis)}::jsonb, ${note.createdBy}, ${note.createdAt})
        returning ${COLUMNS}`,
  );
  return row!;
}

export async function findNote(
  db: Db,
  tenantId: string,
  leadId: string,
  id: string,
): Promise<NoteRow | undefined> {
  return firstRow<NoteRow>(
    db,
    sql`select ${COLUMNS} from notes where tenant_id = ${tenantId} and lead_id = ${leadId} and id = ${id}`,
  );
}

export async function listNotes(db: Db, tenantId: string, leadId: string): Promise<NoteRow[]> {
  return rows<NoteRow>(
    db,
    sql`select ${COLUMNS} from notes where tenant_id = ${tenantId} and lead_id = ${leadId} order by created_at desc`,
  );
}
