/** A lead as stored, joined with its account's name; what the repositories hand to services. */
export interface LeadRow {
  tenantId: string;
  id: string;
  accountId: string | null;
  email: string;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  seniority: string | null;
  department: string | null;
  phone: string | null;
  country: string | null;
  source: string | null;
  ownerId: string | null;
  custom: Record<string, unknown>;
  stage: string;
  stageChangedAt: Date | string;
  disqualificationReason: string | null;
  fitScore: number;
  fitKnockedOut: boolean;
  engagementValue: number;
  engagementAsOf: number;
  hotKey: number | null;
  policyVersion: number;
  firstHandRaiseAt: Date | string | null;
  firstContactedAt: Date | string | null;
  lastActivityAt: Date | string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  company: string | null;
}

export const LEAD_COLUMNS = `
  l.tenant_id as "tenantId", l.id, l.account_id as "accountId", l.email, l.first_name as "firstName",
  l.last_name as "lastName", l.title, l.seniority, l.department, l.phone, l.country, l.source,
  l.owner_id as "ownerId", l.custom, l.stage, l.stage_changed_at as "stageChangedAt",
  l.disqualification_reason as "disqualificationReason", l.fit_score as "fitScore",
  l.fit_knocked_out as "fitKnockedOut", l.engagement_value as "engagementValue",
  l.engagement_as_of as "engagementAsOf", l.hot_key as "hotKey", l.policy_version as "policyVersion",
  l.first_hand_raise_at as "firstHandRaiseAt", l.first_contacted_at as "firstContactedAt",
  l.last_activity_at as "lastActivityAt", l.created_at as "createdAt", l.updated_at as "updatedAt",
  a.name as company`;
