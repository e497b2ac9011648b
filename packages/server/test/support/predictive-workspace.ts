import { sql } from 'drizzle-orm';
import type { AppContext } from '../../src/context';
import type { BulkLeadInput } from '../../src/modules/leads/bulk-insert-leads';
import { insertLeadsBulk } from '../../src/modules/leads/bulk-insert-leads';
import type { NewTransition } from '../../src/modules/transitions/transitions.repository';
import { recordTransitions } from '../../src/modules/transitions/transitions.service';

const DAY = 86_400_000;
export const SOURCES = ['referral', 'webinar', 'ads', 'website'] as const;
export const INDUSTRIES = ['software', 'retail', 'manufacturing', 'finance'] as const;

/** A small deterministic generator, so every run plants the same workspace. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * The planted truth: referral leads and software companies convert far more often, and each pricing-page
 * view before hand-off helps. Won leads also get a meeting AFTER their hand-off (what a leaky model would
 * learn from; the model must not see it).
 */
export function conversionChance(source: string, industry: string, pricingViews: number): number {
  return sigmoid(
    -2 + (source === 'referral' ? 2.6 : 0) + (industry === 'software' ? 1.4 : 0) + 0.8 * pricingViews,
  );
}

export interface GeneratedWorkspace {
  closed: number;
  won: number;
  lost: number;
}

/**
 * Creates `count` closed leads over the year before `now` (in batches of ten sharing a creation day): a few
 * events in the days after creation, a decision ten days after creation (sal, or disqualified), then a close
 * (customer or closed_lost). Outcomes are drawn from `conversionChance`.
 */
export async function generateClosedLeads(
  ctx: AppContext,
  tenantId: string,
  count: number,
  now: number,
  seed = 7,
  prefix = 'hist',
): Promise<GeneratedWorkspace> {
  const random = seeded(seed);
  const policy = await ctx.policies.get(tenantId);
  const actor = { kind: 'import', id: null };
  let won = 0;
  for (let batch = 0; batch * 10 < count; batch++) {
    const createdAt = now - 330 * DAY + batch * Math.floor((280 * DAY) / Math.ceil(count / 10));
    const plans = Array.from({ length: Math.min(10, count - batch * 10) }, (_, k) => {
      const i = batch * 10 + k;
      const source = SOURCES[Math.floor(random() * SOURCES.length)]!;
      const industry = INDUSTRIES[Math.floor(random() * INDUSTRIES.length)]!;
      const pricingViews = Math.floor(random() * 4);
      const converted = random() < conversionChance(source, industry, pricingViews);
      const input: BulkLeadInput = {
        email: `${prefix}${i}@${prefix}co${i}.com`,
        source,
        title: random() < 0.5 ? 'Head of Operations' : 'Sales Manager',
        account: {
          name: `${prefix} Co ${i}`,
          domain: `${prefix}co${i}.com`,
          industry,
          employees: 50 + Math.floor(random() * 500),
        },
      };
      return { input, pricingViews, converted, handedOff: converted || random() < 0.5 };
    });
    const ids = await ctx.db.transaction((tx) =>
      insertLeadsBulk(
        tx,
        tenantId,
        plans.map((p) => p.input),
        policy,
        new Date(createdAt),
        actor,
      ),
    );
    const events: { id: string; leadId: string; type: string; occurredAt: number }[] = [];
    const transitions: NewTransition[] = [];
    const move = (leadId: string, from: string, to: string, at: number, reason: string | null = null) =>
      transitions.push({
        leadId,
        fromStage: from,
        toStage: to,
        reason,
        note: null,
        actorKind: 'import',
        actorId: null,
        rule: null,
        why: 'generated history',
        at: new Date(at),
      });
    for (const plan of plans) {
      const leadId = ids.get(plan.input.email)!;
      for (let v = 0; v < plan.pricingViews; v++) {
        events.push({
          id: `${leadId}-p${v}`,
          leadId,
          type: 'pricing_page_view',
          occurredAt: createdAt + (1 + 2 * v) * DAY,
        });
      }
      events.push({ id: `${leadId}-v`, leadId, type: 'page_view', occurredAt: createdAt + DAY / 2 });
      const decision = createdAt + 10 * DAY;
      if (plan.converted) {
        won++;
        move(leadId, 'lead', 'sal', decision);
        events.push({ id: `${leadId}-m`, leadId, type: 'meeting_held', occurredAt: decision + 2 * DAY });
        move(leadId, 'sal', 'customer', decision + 20 * DAY);
      } else if (plan.handedOff) {
        move(leadId, 'lead', 'sal', decision);
        move(leadId, 'sal', 'closed_lost', decision + 20 * DAY, 'no_budget');
      } else {
        move(leadId, 'lead', 'disqualified', decision, 'no_need');
      }
    }
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into events (tenant_id, id, lead_id, type, occurred_at)
        select ${tenantId}::uuid, e.* from unnest(${sql.param(events.map((e) => e.id))}::text[],
          ${sql.param(events.map((e) => e.leadId))}::uuid[], ${sql.param(events.map((e) => e.type))}::text[],
          ${sql.param(events.map((e) => e.occurredAt))}::int8[]) as e(id, lead_id, type, occurred_at)`);
      await recordTransitions(tx, tenantId, transitions);
    });
  }
  return { closed: count, won, lost: count - won };
}
