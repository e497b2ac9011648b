import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { firstRow } from '../../db/sql';

export interface StoredCriterion {
  status: 'unknown' | 'met' | 'partial' | 'not_met';
  evidence?: string;
  source: 'rep' | 'extracted';
  confidence?: number;
  updatedAt: string;
}

export interface AssessmentRow {
  framework: string;
  frameworkVersion: number;
  criteria: Record<string, StoredCriterion>;
  result: string;
  updatedAt: Date | string;
}

export async function findAssessment(db: Db, tenantId: string, leadId: string, framework: string) {
  return firstRow<AssessmentRow>(
    db,
    sql`select framework, framework_version as "frameworkVersion", criteria, result, updated_at as "updatedAt"
        from assessments where tenant_id = ${tenantId} and lead_id = ${leadId} and framework = ${framework}`,
  );
}

export async function saveAssessment(
  db: Db,
  tenantId: string,
  leadId: string,
  row: {
    framework: string;
    frameworkVersion: number;
    criteria: Record<string, StoredCriterion>;
    result: string;
    updatedBy: string;
  },
): Promise<AssessmentRow> {
  const saved = await firstRow<AssessmentRow>(
    db,
    sql`insert into assessments (tenant_id, lead_id, framework, framework_version, criteria, result, updated_by)
        values (${tenantId}, ${leadId}, ${row.framework}, ${row.frameworkVersion}, ${JSON.stringify(row.criteria)}::jsonb,
                ${row.result}, ${row.updatedBy})
        on conflict (tenant_id, lead_id, framework) do update set framework_version = excluded.framework_version,
          criteria = excluded.criteria, result = excluded.result, updated_by = excluded.updated_by, updated_at = now()
        returning framework, framework_version as "frameworkVersion", criteria, result, updated_at as "updatedAt"`,
  );
  return saved!;
}
