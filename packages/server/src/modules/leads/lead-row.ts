/** A lead as stored, joined with its scores and its account's name; what the repositories hand to services. */
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
  l.disqualification_reason as "disqualificationReason", s.fit_score as "fitScore",
  s.fit_knocked_out as "fitKnockedOut", s.engagement_value as "engagementValue",
  s.engagement_as_of as "engagementAsOf", s.hot_key as "hotKey", s.policy_version as "policyVersion",
  l.first_hand_raise_at as "firstHandRaiseAt", l.first_contacted_at as "firstContactedAt",
  s.last_activity_at as "lastActivityAt", l.created_at as "createdAt", l.updated_at as "updatedAt",
  a.name as company`;

/** Every lead has exactly one score row (written with the lead), so the join is inner: heat and fit lists walk its indexes. */
export const LEAD_FROM = `leads l
  join lead_scores s on s.tenant_id = l.tenant_id and s.lead_id = l.id
  left join accounts a on a.tenant_id = l.tenant_id and a.id = l.account_id`;
