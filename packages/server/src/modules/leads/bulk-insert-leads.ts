import type { AccountInput } from '@triage/contracts';
import { computeFit, domainOf, type EmailDomainKind, emailDomainKind, parseJobTitle } from '@triage/core';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { rows } from '../../db/sql';
import { uuidV7Batch } from '../../db/uuid-v7';
import type { AccountRow } from '../accounts/accounts.repository';
import { upsertAccountsByDomain } from '../accounts/bulk-accounts';
import { findMergedEmails } from '../duplicates/duplicates.repository';
import type { ActivePolicy } from '../policy/policy.service';
import { fitSubjectOf, newLeadFitFields } from '../scoring/fit-subject';
import { createScoreRows } from '../scoring/lead-scores.repository';
import { creationTransition, insertTransitions } from '../transitions/transitions.repository';
import { findUserIds, findUserIdsByEmail } from '../users/users.repository';
import type { TenantOutbox } from '../webhooks/webhook-outbox';
import { leadCreatedEvent } from '../webhooks/webhook-payloads';
import { UNKNOWN_OWNER } from './lead-owner';

const UNKNOWN_OWNER_EMAIL = 'no user with this email in this workspace';

export interface BulkLeadInput {
  email: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  title?: string | undefined;
  phone?: string | undefined;
  country?: string | undefined;
  source?: string | undefined;
  ownerId?: string | undefined;
  /** The owner named by a user's email instead of the id (an import of an export); becomes ownerId. */
  ownerEmail?: string | undefined;
  stage?: string | undefined;
  custom?: Record<string, unknown> | undefined;
  account?: AccountInput | undefined;
}

/** A row refused for its own data, not the batch's: the field at fault and what is wrong with it. */
export interface BulkLeadProblem {
  field: keyof BulkLeadInput;
  problem: string;
}

/**
 * email → id of the leads created (a Map, as before), plus the rows refused for their own data, by email. A
 * row in neither was skipped because a lead with its email exists.
 */
export class BulkInsertResult extends Map<string, string> {
  constructor(
    created: Iterable<readonly [string, string]> = [],
    readonly refused: ReadonlyMap<string, BulkLeadProblem> = new Map(),
  ) {
    super(created);
  }
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
 * with the live policy, one creation transition each. An email that already exists is skipped, not updated. A
 * row whose owner is not a user of the tenant is refused on its own (in `refused`); the others still go in.
 */
export async function insertLeadsBulk(
  db: Db,
  tenantId: string,
  inputs: BulkLeadInput[],
  policy: ActivePolicy,
  now: Date,
  actor: { kind: string; id: string | null },
  /** Queues `lead.created` for each lead created, when a webhook listens to it. */
  outbox?: TenantOutbox,
): Promise<BulkInsertResult> {
  const unique = new Map<string, BulkLeadInput>();
  for (const input of inputs) if (!unique.has(input.email)) unique.set(input.email, input);
  const refused = await resolveOwners(db, tenantId, unique);
  // An address whose lead was merged into another is taken, like one that has a lead: skipped.
  const merged = await findMergedEmails(db, tenantId, [...unique.keys()]);
  const list = [...unique.values()].filter((input) => !refused.has(input.email) && !merged.has(input.email));
  if (list.length === 0) return new BulkInsertResult([], refused);
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
  if (outbox?.wants('lead.created')) {
    const preparedOf = new Map(prepared.map((p, i) => [ids[i]!, p]));
    const events = created.map((lead) => {
      const p = preparedOf.get(lead.id)!;
      const facts = {
        ...lead,
        source: p.fields.source,
        accountId: p.accountId,
        ownerId: p.input.ownerId ?? null,
      };
      return leadCreatedEvent(
        { ...facts, fitScore: p.fit.score, fitKnockedOut: p.fit.knockedOut, createdAt: now },
        actor,
      );
    });
    await outbox.add(db, events, now);
  }
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
  return new BulkInsertResult(
    created.map((lead) => [lead.email, lead.id]),
    refused,
  );
}

/**
 * Owners named by email become ids; an owner (by id or email) who is not a user of the tenant refuses that row
 * alone. Inputs are replaced in `unique`, never changed in place: the caller's objects stay as it gave them.
 */
async function resolveOwners(
  db: Db,
  tenantId: string,
  unique: Map<string, BulkLeadInput>,
): Promise<Map<string, BulkLeadProblem>> {
  const refused = new Map<string, BulkLeadProblem>();
  const byEmail = [...unique.values()].filter((input) => input.ownerEmail);
  if (byEmail.length) {
    const ids = await findUserIdsByEmail(db, tenantId, [
      ...new Set(byEmail.map((input) => input.ownerEmail!.toLowerCase())),
    ]);
    for (const input of byEmail) {
      const ownerId = ids.get(input.ownerEmail!.toLowerCase());
      if (ownerId) unique.set(input.email, { ...input, ownerId });
      else refused.set(input.email, { field: 'ownerEmail', problem: UNKNOWN_OWNER_EMAIL });
    }
  }
  const owned = [...unique.values()].filter((input) => input.ownerId && !input.ownerEmail);
  const known = await findUserIds(db, tenantId, [...new Set(owned.map((input) => input.ownerId!))]);
  for (const input of owned)
    if (!known.has(input.ownerId!)) refused.set(input.email, { field: 'ownerId', problem: UNKNOWN_OWNER });
  return refused;
}
