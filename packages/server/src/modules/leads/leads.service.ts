import type { LeadInput, LeadList, LeadListQuery, LeadPatch, LeadScore } from '@triage/contracts';
import {
  type HeatTier as CoreHeatTier,
  computeFit,
  domainOf,
  emailDomainKind,
  explainEngagement,
} from '@triage/core';
import type { AppContext } from '../../context';
import type { Db } from '../../db/create-db';
import { invalid } from '../../http-error';
import type { AuthContext } from '../../plugins/auth';
import { findAccount, insertAccount, upsertAccountByDomain } from '../accounts/accounts.repository';
import { duplicatesOf } from '../duplicates/duplicates.service';
import { leadPredictive } from '../predictive/predictive.service';
import { fitSubjectOf, newLeadFitFields, titleAttributes } from '../scoring/fit-subject';
import { decideStageAfterScoring } from '../transitions/stage-automation';
import { creationTransition, insertTransitions } from '../transitions/transitions.repository';
import { recordTransitions } from '../transitions/transitions.service';
import { leadCreatedEvent } from '../webhooks/webhook-payloads';
import { heatKeyBounds } from './heat-filter';
import { decodeLeadCursor, leadCursor } from './lead-cursor';
import { requireOwner } from './lead-owner';
import { toLeadView } from './lead-view';
import {
  findLeadIdByEmail,
  hottestLeads,
  insertLead,
  type LeadFieldUpdate,
  type LeadFilter,
  listLeadEvents,
  listLeads,
  updateLeadFields,
} from './leads.repository';
import { requireLead } from './require-lead';

/** A business email domain stands for the company: the lead is linked to that account, created if new. */
async function resolveAccountId(db: Db, tenantId: string, input: LeadInput): Promise<string | null> {
  if (input.accountId) {
    const account = await findAccount(db, tenantId, input.accountId);
    if (!account)
      throw invalid([{ location: 'body', pointer: '/accountId', message: 'no account with this id' }]);
    return account.id;
  }
  if (input.account) {
    const account = input.account.domain
      ? await upsertAccountByDomain(db, tenantId, { ...input.account, domain: input.account.domain })
      : await insertAccount(db, tenantId, input.account);
    return account.id;
  }
  if (emailDomainKind(input.email) === 'business') {
    const domain = domainOf(input.email);
    if (domain) return (await upsertAccountByDomain(db, tenantId, { name: domain, domain })).id;
  }
  return null;
}

export async function createLead(ctx: AppContext, auth: AuthContext, input: LeadInput) {
  const [policy, outbox] = await Promise.all([
    ctx.policies.get(auth.tenantId),
    ctx.webhooks.outbox(auth.tenantId),
  ]);
  const result = await ctx.db.transaction(async (tx) => {
    if (await findLeadIdByEmail(tx, auth.tenantId, input.email)) return { duplicate: true as const };
    await requireOwner(tx, auth.tenantId, input.ownerId);
    const accountId = await resolveAccountId(tx, auth.tenantId, input);
    const account = accountId ? await findAccount(tx, auth.tenantId, accountId) : undefined;
    const fields = newLeadFitFields(input);
    const fit = computeFit(fitSubjectOf(fields, account), policy.policy.icp.rules);
    const now = new Date(ctx.now());
    const stage = input.stage ?? 'lead';
    const id = await insertLead(tx, auth.tenantId, {
      ...fields,
      accountId,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      phone: input.phone ?? null,
      ownerId: input.ownerId ?? null,
      stage,
      fitScore: fit.score,
      fitKnockedOut: fit.knockedOut,
      policyVersion: policy.version,
      createdAt: now,
    });
    if (!id) return { duplicate: true as const };
    // The lead was inserted in its stage: its history starts there, with nothing to move.
    await insertTransitions(tx, auth.tenantId, [creationTransition(id, stage, auth.actor, now)]);
    const lead = await requireLead(tx, auth.tenantId, id);
    if (outbox.wants('lead.created')) {
      const facts = { id, email: lead.email, stage, source: lead.source, accountId, ownerId: lead.ownerId };
      const created = { ...facts, fitScore: fit.score, fitKnockedOut: fit.knockedOut, createdAt: now };
      await outbox.add(tx, [leadCreatedEvent(created, auth.actor)], now);
    }
    const automatic = decideStageAfterScoring(lead, fit, 0, undefined, policy, now);
    if (automatic) await recordTransitions(tx, auth.tenantId, [automatic], outbox);
    return { duplicate: false as const, lead: automatic ? await requireLead(tx, auth.tenantId, id) : lead };
  });
  outbox.committed();
  if (result.duplicate) {
    throw invalid(
      [{ location: 'body', pointer: '/email', message: 'a lead with this email already exists' }],
      'Duplicate lead',
    );
  }
  ctx.predictions.schedule(auth.tenantId, [result.lead.id]);
  const view = toLeadView(result.lead, policy, ctx.now());
  // Created either way (a capture form never fails on a maybe); the caller hears of the likely duplicates.
  const likely = (
    await duplicatesOf(ctx.db, auth.tenantId, [result.lead], { sameAccount: true, min: 'likely' })
  )
    .get(result.lead.id)!
    .scored.map(({ lead, result: r }) => ({ id: lead.id, score: r.score, verdict: r.verdict }));
  return likely.length ? { ...view, possibleDuplicates: likely } : view;
}

export async function getLead(ctx: AppContext, auth: AuthContext, id: string) {
  const [policy, lead] = await Promise.all([
    ctx.policies.get(auth.tenantId),
    requireLead(ctx.db, auth.tenantId, id),
  ]);
  return toLeadView(lead, policy, ctx.now());
}

export async function patchLead(ctx: AppContext, auth: AuthContext, id: string, patch: LeadPatch) {
  const [policy, outbox] = await Promise.all([
    ctx.policies.get(auth.tenantId),
    ctx.webhooks.outbox(auth.tenantId),
  ]);
  const lead = await ctx.db.transaction(async (tx) => {
    const current = await requireLead(tx, auth.tenantId, id, true);
    if (patch.accountId && !(await findAccount(tx, auth.tenantId, patch.accountId))) {
      throw invalid([{ location: 'body', pointer: '/accountId', message: 'no account with this id' }]);
    }
    await requireOwner(tx, auth.tenantId, patch.ownerId);
    const title = patch.title === undefined ? current.title : patch.title;
    const changes: LeadFieldUpdate = {};
    for (const [key, value] of Object.entries(patch))
      if (value !== undefined) Object.assign(changes, { [key]: value });
    Object.assign(changes, titleAttributes(title));
    if (patch.custom) changes.custom = { ...current.custom, ...patch.custom };
    const next = { ...current, ...changes, title, custom: changes.custom ?? current.custom };
    const accountId = patch.accountId === undefined ? current.accountId : patch.accountId;
    const account = accountId ? await findAccount(tx, auth.tenantId, accountId) : undefined;
    const fit = computeFit(fitSubjectOf(next, account), policy.policy.icp.rules);
    await updateLeadFields(tx, auth.tenantId, id, {
      ...changes,
      fit: { score: fit.score, knockedOut: fit.knockedOut, policyVersion: policy.version },
    });
    const updated = await requireLead(tx, auth.tenantId, id);
    const now = new Date(ctx.now());
    const automatic = decideStageAfterScoring(updated, fit, undefined, undefined, policy, now);
    if (!automatic) return updated;
    await recordTransitions(tx, auth.tenantId, [automatic], outbox);
    return requireLead(tx, auth.tenantId, id);
  });
  outbox.committed();
  // After the commit: the probability follows shortly, without holding the request or the transaction.
  ctx.predictions.schedule(auth.tenantId, [id]);
  return toLeadView(lead, policy, ctx.now());
}

export async function listLeadsView(
  ctx: AppContext,
  auth: AuthContext,
  query: LeadListQuery,
): Promise<LeadList> {
  const policy = await ctx.policies.get(auth.tenantId);
  const now = ctx.now();
  const filter: LeadFilter = {
    stages: query.stage,
    ownerId: query.owner,
    minFit: query.minFit,
    q: query.q,
    ...(query.heat ? heatKeyBounds(query.heat as CoreHeatTier, policy.policy.engagement, now) : {}),
  };
  const after = query.cursor ? decodeLeadCursor(query.cursor, query.sort) : undefined;
  const found = await listLeads(ctx.db, auth.tenantId, filter, query.sort, query.limit + 1, after);
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = found.length > query.limit && last ? leadCursor(query.sort, last) : null;
  return { items: page.map((row) => toLeadView(row, policy, now)), nextCursor };
}

export async function hotLeadsView(ctx: AppContext, auth: AuthContext, limit: number) {
  const [policy, found] = await Promise.all([
    ctx.policies.get(auth.tenantId),
    hottestLeads(ctx.db, auth.tenantId, limit),
  ]);
  const now = ctx.now();
  return { items: found.map((row) => toLeadView(row, policy, now)) };
}

export async function leadScore(ctx: AppContext, auth: AuthContext, id: string): Promise<LeadScore> {
  const [policy, lead] = await Promise.all([
    ctx.policies.get(auth.tenantId),
    requireLead(ctx.db, auth.tenantId, id),
  ]);
  const account = lead.accountId ? await findAccount(ctx.db, auth.tenantId, lead.accountId) : undefined;
  const fit = computeFit(fitSubjectOf(lead, account), policy.policy.icp.rules);
  const events = await listLeadEvents(ctx.db, auth.tenantId, id);
  const now = ctx.now();
  const engagement = explainEngagement(events, policy.policy.engagement, now);
  const predictive = await leadPredictive(ctx, auth.tenantId, id, fit.score, engagement.value);
  return {
    leadId: id,
    policyVersion: policy.version,
    fit: {
      score: fit.score,
      knockedOut: fit.knockedOut,
      lines: fit.lines.map((line) => ({ ruleId: line.ruleId, text: line.text, points: line.points })),
    },
    engagement: {
      value: Math.round(engagement.value * 100) / 100,
      tier: engagement.tier,
      halfLifeDays: policy.policy.engagement.halfLifeDays,
      asOf: new Date(now).toISOString(),
      lines: engagement.lines.map((l) => ({ ...l, points: Math.round(l.points * 100) / 100 })),
    },
    predictive,
  };
}

export async function leadEvents(ctx: AppContext, auth: AuthContext, id: string, limit: number) {
  await requireLead(ctx.db, auth.tenantId, id);
  const events = await listLeadEvents(ctx.db, auth.tenantId, id, limit);
  return {
    items: events.map((e) => ({
      id: e.id,
      type: e.type,
      occurredAt: new Date(Number(e.occurredAt)).toISOString(),
      properties: e.properties,
    })),
  };
}
