import type { Lead } from '@triage/contracts';
import { engagementAt, heatTier, type Stage } from '@triage/core';
import { toIso, toIsoOrNull } from '../../db/timestamps';
import type { ActivePolicy } from '../policy/policy.service';
import type { LeadRow } from './lead-row';

export function displayName(row: Pick<LeadRow, 'firstName' | 'lastName' | 'email'>): string {
  const name = [row.firstName, row.lastName].filter(Boolean).join(' ');
  return name || row.email;
}

/** The API's view of a lead: engagement is decayed to `now`, so two reads a day apart show different heat. */
export function toLeadView(row: LeadRow, policy: ActivePolicy, now: number): Lead {
  const engagement = engagementAt(
    { value: row.engagementValue, asOf: row.engagementAsOf },
    now,
    policy.policy.engagement,
  );
  return {
    id: row.id,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    name: displayName(row),
    title: row.title,
    seniority: row.seniority,
    department: row.department,
    phone: row.phone,
    country: row.country,
    source: row.source,
    ownerId: row.ownerId,
    accountId: row.accountId,
    company: row.company,
    custom: row.custom ?? {},
    stage: row.stage as Stage,
    stageChangedAt: toIso(row.stageChangedAt),
    disqualificationReason: row.disqualificationReason,
    fit: row.fitScore,
    engagement: Math.round(engagement * 100) / 100,
    heat: heatTier(engagement, policy.policy.engagement.heatTiers),
    lastActivityAt: toIsoOrNull(row.lastActivityAt),
    firstHandRaiseAt: toIsoOrNull(row.firstHandRaiseAt),
    firstContactedAt: toIsoOrNull(row.firstContactedAt),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}
