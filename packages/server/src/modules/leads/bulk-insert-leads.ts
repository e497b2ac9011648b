import type { AccountInput } from '@triage/contracts';
import { computeFit, domainOf, type EmailDomainKind, emailDomainKind, parseJobTitle } from '@triage/core';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { rows } from '../../db/sql';
import { uuidV7Batch } from '../../db/uuid-v7';
import type { AccountRow } from '../accounts/accounts.repository';
import { upsertAccountsByDomain } from '../accounts/bulk-accounts';
import type { ActivePolicy } from '../policy/policy.service';
import { fitSubjectOf, newLeadFitFields } from '../scoring/fit-subject';
import { createScoreRows } from '../scoring/lead-scores.repository';
import { creationTransition, insertTransitions } from '../transitions/transitions.repository';

export interface BulkLeadInput {
  email: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  title?: string | undefined;
  phone?: string | undefined;
  country?: string | undefined;
  source?: string | undefined;
  ownerId?: string | undefined;
  stage?: string | undefined;
  custom?: Record<string, unknown> | undefined;
  account?: AccountInput | undefined;
}

/** Memoises a function of a string for one call of insertLeadsBulk: imports repeat titles and domains a lot. */
function memo<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}

/**
 * Creates many leads at once (ingestion of unknown emails, CSV import): accounts resolved by domain, fit scored
 * with the live policy, one creation transition each. An email that already exists is skipped, not updated.
 * Returns email → id for the leads created.
 */
export async function insertLeadsBulk(
  db: Db,
  tenantId: string,
  inputs: BulkLeadInput[],
  policy: ActivePolicy,
  now: Date,
  actor: { kind: string; id: string | null },
): Promise<Map<string, string>> {
  const unique = new Map<string, BulkLeadInput>();
  for (const input of inputs) if (!unique.has(input.email)) unique.set(input.email, input);
  const list = [...unique.values()];
  if (list.length === 0) return new Map();
  const kindOfDomain = memo<EmailDomainKind>((domain) => emailDomainKind(`x@${domain}`));
  const titleOf = memo(parseJobTitle);
  const located = list.map((input) => {
    const emailDomain = domainOf(input.email);
    const kind: EmailDomainKind = emailDomain ? kindOfDomain(emailDomain) : emailDomainKind(input.email);
    const domain = input.account?.domain ?? (kind === 'business' ? (emailDomain ?? undefined) : undefined);
    return { input, kind, domain };
  });
  const accountInputs = located.flatMap(({ input, domain }) =>
    domain ? [{ ...(input.account ?? { name: domain }), domain }] : [],
  );
  const accounts = await upsertAccountsByDomain(db, tenantId, accountInputs, now);
  const prepared = located.map(({ input, kind, domain }) => {
    const account: AccountRow | undefined = domain ? accounts.get(domain) : undefined;
    const fields = newLeadFitFields(input, titleOf);
    const subject = fitSubjectOf(fields, account);
    subject.contact.emailDomainKind = kind;
    const fit = computeFit(subject, policy.policy.icp.rules);
    return { input, fields, accountId: account?.id ?? null, fit };
  });
  const ids = uuidV7Batch(prepared.length);
  const col = <T>(f: (p: (typeof prepared)[number], i: number) => T) => sql.param(prepared.map(f));
  const created = await rows<{ id: string; email: string; stage: string }>(
    db,
    sql`insert into leads (tenant_id, id, account_id, email, first_name, last_name, title, seniority, department, phone, country,
          source, owner_id, custom, stage, stage_changed_at, created_at, updated_at)
        select ${tenantId}::uuid, r.*, ${now}, ${now}
        from unnest(${col((_, i) => ids[i])}::uuid[], ${col((p) => p.accountId)}::uuid[], ${col((p) => p.fields.email)}::text[],
                    ${col((p) => p.input.firstName ?? null)}::text[], ${col((p) => p.input.lastName ?? null)}::text[],
                    ${col((p) => p.fields.title)}::text[], ${col((p) => p.fields.seniority)}::text[],
                    ${col((p) => p.fields.department)}::text[], ${col((p) => p.input.phone ?? null)}::text[],
                    ${col((p) => p.fields.country)}::text[], ${col((p) => p.fields.source)}::text[],
                    ${col((p) => p.input.ownerId ?? null)}::uuid[], ${col((p) => JSON.stringify(p.fields.custom))}::jsonb[],
                    ${col((p) => p.input.stage ?? 'lead')}::text[], ${col(() => now.toISOString())}::timestamptz[])
          as r(id, account_id, email, first_name, last_name, title, seniority, department, phone, country, source, owner_id,
               custom, stage, stage_changed_at)
        on conflict (tenant_id, email) do nothing
        returning id, email, stage`,
  );
  const fitOf = new Map(prepared.map((p, i) => [ids[i]!, p.fit]));
  await createScoreRows(
    db,
    tenantId,
    created.map((lead) => {
      const fit = fitOf.get(lead.id)!;
      return {
        id: lead.id,
        fitScore: fit.score,
        fitKnockedOut: fit.knockedOut,
        policyVersion: policy.version,
      };
    }),
  );
  // Creation transitions only: the leads were inserted in their stage, so there is nothing to move.
  await insertTransitions(
    db,
    tenantId,
    created.map((lead) => creationTransition(lead.id, lead.stage, actor, now)),
  );
  return new Map(created.map((lead) => [lead.email, lead.id]));
}
