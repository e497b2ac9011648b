import type { AccountInput, AssessmentInput, EventInput } from '@triage/contracts';
import { checkTransition, type DisqualificationReason, type Stage } from '@triage/core';
import { sql } from 'drizzle-orm';
import { type AppContext, createContext } from '../context';
import type { Database, Db } from '../db/create-db';
import { rows } from '../db/sql';
import { putAssessment } from '../modules/assessments/assessments.service';
import { ingestEvents } from '../modules/events/events.service';
import { type BulkLeadInput, insertLeadsBulk } from '../modules/leads/bulk-insert-leads';
import type { NewTransition } from '../modules/transitions/transitions.repository';
import { recordTransitions } from '../modules/transitions/transitions.service';
import { insertUser } from '../modules/users/users.repository';
import type { AuthContext } from '../plugins/auth';
import { bantEvidence, meddicEvidence } from './demo-evidence';
import {
  ACCOUNT_PREFIXES,
  ACCOUNT_SUFFIXES,
  COUNTRY_DOMAINS,
  DEMO_OWNERS,
  FIRST_NAMES,
  LAST_NAMES,
  LEAD_SOURCES,
  TECHNOLOGIES,
  TITLES,
} from './demo-names';

export interface DemoDataOptions {
  seed?: number;
  /** The present of the generated history; everything happens in the 90 days before it. */
  now?: number;
  leads?: number;
  accounts?: number;
}

export interface DemoDataSummary {
  users: number;
  accounts: number;
  leads: number;
  events: number;
  transitions: number;
  assessments: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HISTORY_DAYS = 88;
/** The simulation advances in steps of this size: leads arrive, events are ingested, reps act. */
const STEP = 3 * DAY;

/** mulberry32: a tiny seeded generator, so the same seed always gives the same workspace. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chance = (p: number) => next() < p;
  const weighted = <T>(options: readonly (readonly [T, number])[]): T => {
    const total = options.reduce((sum, [, w]) => sum + w, 0);
    let roll = next() * total;
    for (const [value, w] of options) {
      roll -= w;
      if (roll < 0) return value;
    }
    return options.at(-1)![0];
  };
  return { next, int, pick, chance, weighted };
}
type Random = ReturnType<typeof seededRandom>;

type Temperature = 'cold' | 'warm' | 'hot' | 'on_fire';

interface DemoAccount extends AccountInput {
  domain: string;
  goodFit: boolean;
}

interface PlannedLead {
  index: number;
  input: BulkLeadInput;
  createdAt: number;
  ownerIndex: number;
  temperature: Temperature;
  handRaiser: 'demo_request' | 'contact_sales' | 'trial_signup' | undefined;
  goodFit: boolean;
  id?: string | undefined;
}

/** Where a rep takes a lead once it is in their hands; decided up front so the seed fixes the whole story. */
interface LeadPlan {
  stage: Stage;
  enteredAt: number;
  /** The next move by a person, and when it is due. */
  next?: { to: Stage | 'assess_bant'; at: number; reason?: DisqualificationReason; why: string };
}

/**
 * Fills a tenant with a realistic, deterministic workspace: five owners, ~80 accounts (good and poor fits),
 * ~600 leads arriving over 90 days, their behaviour as events ingested through the real scoring path (so heat
 * and automatic MQL/PQL/CQL moves are real), reps accepting, qualifying and disqualifying them over time
 * (recorded with past timestamps), BANT assessments at SAL that move passing leads to SQL by rule, and MEDDIC
 * for opportunities. Fast enough for every first start (a few seconds on PGlite).
 */
export async function generateDemoData(
  db: Db,
  tenantId: string,
  options: DemoDataOptions = {},
): Promise<DemoDataSummary> {
  const random = seededRandom(options.seed ?? 42);
  const now = options.now ?? Date.now();
  const start = now - HISTORY_DAYS * DAY;
  const summary: DemoDataSummary = {
    users: 0,
    accounts: 0,
    leads: 0,
    events: 0,
    transitions: 0,
    assessments: 0,
  };

  const owners = await createOwners(db, tenantId);
  summary.users = owners.length;
  const sdrs = owners.filter((o) => o.role === 'sdr');
  const ae = owners.find((o) => o.role === 'ae')!;
  const accounts = makeAccounts(random, options.accounts ?? 80);
  summary.accounts = accounts.length;
  const leads = makeLeads(random, accounts, options.leads ?? 600, start, now, sdrs.length);

  // A context whose clock the simulation moves; the services read nothing else from the database handle.
  const clock = { now: start };
  const database: Database = { db, kind: 'postgres', close: async () => undefined };
  const ctx: AppContext = createContext(database, () => clock.now);
  const policy = await ctx.policies.get(tenantId);
  const authAs = (userId: string): AuthContext => ({ tenantId, actor: { kind: 'user', id: userId } });
  const plans = new Map<string, LeadPlan>();
  const byId = new Map<string, PlannedLead>();
  const events = leads.flatMap((lead) => eventsFor(random, lead, now));
  events.sort((a, b) => Date.parse(a.event.occurredAt) - Date.parse(b.event.occurredAt));
  let eventCursor = 0;
  let leadCursor = 0;

  for (let stepEnd = start + STEP; stepEnd < now + STEP; stepEnd += STEP) {
    const until = Math.min(stepEnd, now);
    // 1. Leads that arrived in this step.
    const arriving: PlannedLead[] = [];
    while (leadCursor < leads.length && leads[leadCursor]!.createdAt < until)
      arriving.push(leads[leadCursor++]!);
    if (arriving.length) {
      clock.now = arriving[0]!.createdAt;
      const created = await insertLeadsBulk(
        db,
        tenantId,
        arriving.map((l) => l.input),
        policy,
        new Date(arriving[0]!.createdAt),
        { kind: 'demo', id: null },
      );
      for (const lead of arriving) {
        lead.id = created.get(lead.input.email);
        if (!lead.id) continue;
        byId.set(lead.id, lead);
        plans.set(lead.id, planForNewLead(random, lead));
        summary.leads++;
        summary.transitions++;
      }
      await setCreatedAt(db, tenantId, arriving);
    }

    // 2. Their behaviour, through the same path as POST /v1/events.
    clock.now = until;
    const batch: EventInput[] = [];
    while (eventCursor < events.length && Date.parse(events[eventCursor]!.event.occurredAt) < until) {
      const { lead, event } = events[eventCursor++]!;
      if (lead.id) batch.push({ ...event, leadId: lead.id });
    }
    for (let i = 0; i < batch.length; i += 500) {
      const result = await ingestEvents(ctx, authAs(owners[0]!.id), batch.slice(i, i + 500));
      summary.events += result.accepted;
      for (const move of result.transitions) {
        summary.transitions++;
        const lead = byId.get(move.leadId)!;
        plans.set(move.leadId, planAfter(random, lead, move.to as Stage, until, ae.id));
      }
    }

    // 3. Reps act on what is due.
    const due = [...plans.entries()].filter(([, plan]) => plan.next && plan.next.at <= until);
    due.sort((a, b) => a[1].next!.at - b[1].next!.at);
    const moves: NewTransition[] = [];
    for (const [leadId, plan] of due) {
      const lead = byId.get(leadId)!;
      const step = plan.next!;
      const owner = step.to === 'opportunity' || plan.stage === 'opportunity' ? ae : sdrs[lead.ownerIndex]!;
      if (step.to === 'assess_bant') {
        clock.now = step.at;
        const verdict = await putAssessment(ctx, authAs(owner.id), leadId, 'bant', bantInput(random, lead));
        summary.assessments++;
        if (verdict.result === 'pass') {
          summary.transitions++;
          plans.set(leadId, planAfter(random, lead, 'sql', step.at, ae.id));
        } else plans.set(leadId, afterFailedBant(random, plan, step.at));
        continue;
      }
      const check = checkTransition({
        from: plan.stage,
        to: step.to,
        ...(step.reason ? { reason: step.reason } : {}),
      });
      if (!check.ok) {
        plans.set(leadId, { stage: plan.stage, enteredAt: plan.enteredAt });
        continue;
      }
      moves.push({
        leadId,
        fromStage: plan.stage,
        toStage: step.to,
        reason: step.reason ?? null,
        note: null,
        actorKind: 'user',
        actorId: owner.id,
        rule: null,
        why: step.why,
        at: new Date(step.at),
      });
      plans.set(leadId, planAfter(random, lead, step.to, step.at, ae.id));
      if (step.to === 'opportunity') {
        clock.now = step.at + HOUR;
        await putAssessment(ctx, authAs(ae.id), leadId, 'meddic', meddicInput(random, lead));
        summary.assessments++;
      }
    }
    if (moves.length) {
      // One lead's moves are recorded in time order; recordTransitions leaves each lead in its last stage.
      moves.sort((a, b) => a.at.getTime() - b.at.getTime());
      await recordTransitions(db, tenantId, moves);
      summary.transitions += moves.length;
    }
  }
  await assignOwners(db, tenantId, leads, sdrs, ae.id);
  // Ingestion scheduled re-predictions on this throwaway context: let them finish before the caller moves on.
  await ctx.predictions.close();
  return summary;
}

/** insertLeadsBulk stamps a whole batch with one time; spread the arrivals of a step back over their hours. */
async function setCreatedAt(db: Db, tenantId: string, arriving: PlannedLead[]) {
  const withIds = arriving.filter((l) => l.id);
  if (!withIds.length) return;
  await db.execute(sql`
    update leads l set created_at = v.at, stage_changed_at = v.at, updated_at = v.at
    from unnest(${sql.param(withIds.map((l) => l.id!))}::uuid[],
                ${sql.param(withIds.map((l) => new Date(l.createdAt).toISOString()))}::timestamptz[]) as v(id, at)
    where l.tenant_id = ${tenantId} and l.id = v.id`);
  await db.execute(sql`
    update stage_transitions t set at = v.at
    from unnest(${sql.param(withIds.map((l) => l.id!))}::uuid[],
                ${sql.param(withIds.map((l) => new Date(l.createdAt).toISOString()))}::timestamptz[]) as v(id, at)
    where t.tenant_id = ${tenantId} and t.lead_id = v.id and t.from_stage is null`);
}

/** SDRs own the leads they work; opportunities and customers belong to the account executive. */
async function assignOwners(
  db: Db,
  tenantId: string,
  leads: PlannedLead[],
  owners: { id: string }[],
  aeId: string,
) {
  const withIds = leads.filter((l) => l.id);
  await db.execute(sql`
    update leads l set owner_id = case when l.stage in ('opportunity', 'customer', 'closed_lost') then ${aeId}::uuid else v.owner end
    from unnest(${sql.param(withIds.map((l) => l.id!))}::uuid[],
                ${sql.param(withIds.map((l) => owners[l.ownerIndex]!.id))}::uuid[]) as v(id, owner)
    where l.tenant_id = ${tenantId} and l.id = v.id`);
}

async function createOwners(db: Db, tenantId: string) {
  const created: { id: string; role: string; name: string }[] = [];
  for (const owner of DEMO_OWNERS) {
    const local = owner.name.toLowerCase().replace(/[^a-z]+/g, '.');
    const taken = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from users where lower(email) = ${`${local}@demo.triage.local`}`,
    );
    // User emails are unique across tenants: a second demo workspace in the same database gets its own.
    const email =
      (taken[0]?.n ?? 0) === 0
        ? `${local}@demo.triage.local`
        : `${local}+${tenantId.slice(0, 8)}@demo.triage.local`;
    const row = await insertUser(db, {
      tenantId,
      email,
      name: owner.name,
      role: owner.role,
      passwordHash: null,
    });
    created.push({ id: row.id, role: owner.role, name: owner.name });
  }
  return created;
}

function makeAccounts(random: Random, count: number): DemoAccount[] {
  const accounts: DemoAccount[] = [];
  const used = new Set<string>();
  while (accounts.length < count) {
    const prefix = random.pick(ACCOUNT_PREFIXES);
    const suffix = random.pick(ACCOUNT_SUFFIXES);
    const name = `${prefix} ${suffix.word}`;
    if (used.has(name)) continue;
    used.add(name);
    const goodFit = suffix.goodFit ? random.chance(0.75) : random.chance(0.15);
    const country = goodFit
      ? random.pick(['US', 'US', 'US', 'GB', 'DE', 'PL', 'NL', 'FR', 'SE', 'CA', 'IE'])
      : random.pick(['US', 'BR', 'IN', 'JP', 'AU', 'MX', 'DE', 'ZA']);
    const employees = goodFit
      ? random.weighted([
          [random.int(50, 200), 4],
          [random.int(200, 1000), 4],
          [random.int(1000, 5000), 2],
        ] as const)
      : random.weighted([
          [random.int(2, 10), 3],
          [random.int(10, 49), 3],
          [random.int(5001, 40000), 2],
          [random.int(60, 400), 2],
        ] as const);
    const technologies = TECHNOLOGIES.filter(() => random.chance(goodFit ? 0.3 : 0.12));
    if (goodFit && !technologies.some((t) => ['salesforce', 'hubspot', 'pipedrive'].includes(t)))
      technologies.push(random.pick(['salesforce', 'hubspot', 'pipedrive']));
    const tld = COUNTRY_DOMAINS[country] ?? '.com';
    const domain = `${prefix.toLowerCase().replace(/[^a-z]/g, '')}${suffix.word.toLowerCase()}${suffix.techy && random.chance(0.5) ? '.io' : tld}`;
    accounts.push({
      name,
      domain,
      industry: goodFit && !suffix.goodFit ? 'software' : suffix.industry,
      employees,
      annualRevenue: Math.round(employees * random.int(80, 260)) * 1000,
      country,
      technologies,
      goodFit,
      ...(accounts.length % 37 === 5 ? { custom: { competitor: true } } : {}),
    });
  }
  return accounts;
}

function makeLeads(
  random: Random,
  accounts: DemoAccount[],
  count: number,
  start: number,
  now: number,
  sdrCount: number,
): PlannedLead[] {
  const emails = new Set<string>();
  const leads: PlannedLead[] = [];
  for (let index = 0; index < count; index++) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const kind = random.weighted([
      ['business', 90],
      ['free', 7],
      ['student', 3],
    ] as const);
    const account = kind === 'business' ? pickAccount(random, accounts) : undefined;
    const domain =
      kind === 'business'
        ? account!.domain
        : kind === 'free'
          ? random.pick(['gmail.com', 'outlook.com', 'yahoo.com'])
          : random.pick(['stanford.edu', 'uw.edu', 'ox.ac.uk']);
    let local = `${first}.${last}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z.]/g, '');
    if (emails.has(`${local}@${domain}`)) local = `${local}${index}`;
    const email = `${local}@${domain}`;
    emails.add(email);
    const title =
      kind === 'student'
        ? random.pick(['Student', 'Graduate Student', 'Research Intern'])
        : random.pick(TITLES);
    const source = random.pick(LEAD_SOURCES);
    const goodFit = account?.goodFit ?? false;
    // Arrivals grow a little towards the present, as a marketing team's pipeline does.
    const createdAt = Math.round(start + (now - start - 2 * HOUR) * Math.sqrt(random.next()));
    const temperature = random.weighted([
      ['cold', 60],
      ['warm', 24],
      ['hot', 11],
      ['on_fire', 5],
    ] as const);
    const handRaiser = random.chance(goodFit ? 0.14 : 0.05)
      ? random.weighted([
          ['demo_request', 5],
          ['contact_sales', 2],
          ['trial_signup', 2],
        ] as const)
      : undefined;
    leads.push({
      index,
      input: {
        email,
        firstName: first,
        lastName: last,
        title,
        country: account?.country ?? random.pick(['US', 'GB', 'DE', 'IN']),
        source,
        ...(account ? { account: accountInputOf(account) } : {}),
        custom: { newsletter: random.chance(0.4) },
      },
      createdAt,
      ownerIndex: index % sdrCount,
      temperature,
      handRaiser,
      goodFit,
    });
  }
  return leads.sort((a, b) => a.createdAt - b.createdAt);
}

function accountInputOf(account: DemoAccount): AccountInput & { domain: string } {
  const { goodFit, ...input } = account;
  return input;
}

/** Good-fit accounts draw more leads: that is where the marketing spend goes. */
function pickAccount(random: Random, accounts: DemoAccount[]): DemoAccount {
  for (;;) {
    const account = random.pick(accounts);
    if (account.goodFit || random.chance(0.55)) return account;
  }
}

const EVENT_MIX: Record<Temperature, readonly (readonly [string, number])[]> = {
  cold: [
    ['page_view', 6],
    ['email_open', 5],
    ['email_click', 1],
    ['webinar_registered', 1],
  ],
  warm: [
    ['page_view', 6],
    ['email_open', 4],
    ['email_click', 3],
    ['content_download', 2],
    ['webinar_registered', 1],
    ['webinar_attended', 1],
    ['pricing_page_view', 1],
  ],
  hot: [
    ['page_view', 5],
    ['pricing_page_view', 3],
    ['email_click', 3],
    ['content_download', 2],
    ['webinar_attended', 2],
    ['email_reply', 1],
    ['form_submit', 1],
  ],
  on_fire: [
    ['page_view', 5],
    ['pricing_page_view', 4],
    ['product_usage', 3],
    ['email_reply', 2],
    ['webinar_attended', 1],
    ['meeting_held', 1],
  ],
};

const EVENT_COUNT: Record<Temperature, [number, number]> = {
  cold: [0, 4],
  warm: [4, 9],
  hot: [8, 16],
  on_fire: [14, 26],
};

/** How recent a lead's activity is: heat decays, so a hot lead must have been busy lately. */
const RECENT_WINDOW: Record<Temperature, number> = {
  cold: 80 * DAY,
  warm: 30 * DAY,
  hot: 10 * DAY,
  on_fire: 4 * DAY,
};

function eventsFor(random: Random, lead: PlannedLead, now: number) {
  const out: { lead: PlannedLead; event: EventInput }[] = [];
  const [min, max] = EVENT_COUNT[lead.temperature];
  const count = random.int(min, max);
  const from = Math.max(lead.createdAt + 10 * 60_000, now - RECENT_WINDOW[lead.temperature]);
  const span = Math.max(HOUR, now - 30 * 60_000 - from);
  for (let k = 0; k < count; k++) {
    const type = random.weighted(EVENT_MIX[lead.temperature]);
    const at = from + Math.floor(random.next() * span);
    out.push({ lead, event: event(lead, k, type, at) });
  }
  if (lead.handRaiser) {
    // Hand-raisers act early in their life, so reps have had time to follow up.
    const at = Math.min(now - HOUR, lead.createdAt + random.int(1, 20) * HOUR);
    out.push({ lead, event: event(lead, count, lead.handRaiser, at) });
  }
  return out;
}

function event(lead: PlannedLead, k: number, type: string, at: number): EventInput {
  const page =
    type === 'pricing_page_view'
      ? '/pricing'
      : type === 'page_view'
        ? ['/', '/product', '/customers', '/blog/lead-scoring', '/integrations'][k % 5]
        : undefined;
  return {
    id: `demo-${lead.index}-${k}`,
    email: lead.input.email,
    type,
    occurredAt: new Date(at).toISOString(),
    ...(page ? { properties: { page } } : {}),
  };
}

const DISQUALIFY_AT_MQL: readonly (readonly [DisqualificationReason, number])[] = [
  ['no_need', 4],
  ['not_icp', 3],
  ['bad_timing', 3],
  ['unresponsive', 4],
  ['no_authority', 2],
  ['duplicate', 1],
];

/**
 * A lead nobody qualified yet: SDRs work outbound leads from good accounts straight to a call, and clean up
 * leads that never answer; the rest wait for the scores or a hand-raise.
 */
function planForNewLead(random: Random, lead: PlannedLead): LeadPlan {
  const plan: LeadPlan = { stage: 'lead', enteredAt: lead.createdAt };
  const after = (minDays: number, maxDays: number) =>
    lead.createdAt + random.int(minDays * 24, maxDays * 24) * HOUR;
  if (lead.input.source === 'outbound' && lead.goodFit && random.chance(0.45))
    plan.next = { to: 'sal', at: after(2, 8), why: 'Booked a call from the outbound sequence' };
  else if (lead.temperature === 'cold' && random.chance(0.14))
    plan.next = {
      to: 'disqualified',
      at: after(20, 45),
      reason: 'unresponsive',
      why: 'No answer after five touches',
    };
  else if (lead.temperature === 'cold' && random.chance(0.08))
    plan.next = { to: 'nurture', at: after(10, 30), why: 'Moved to the newsletter track' };
  return plan;
}

/** What the rep does next, given the stage the lead just entered at `at`. */
function planAfter(random: Random, lead: PlannedLead, stage: Stage, at: number, _aeId: string): LeadPlan {
  const hours = (min: number, max: number) => at + random.int(min, max) * HOUR;
  const plan: LeadPlan = { stage, enteredAt: at };
  switch (stage) {
    case 'mql':
    case 'pql':
    case 'cql': {
      // Hand-raisers are called within hours; score-based MQLs wait a day or three for the SDR.
      const fast = lead.handRaiser !== undefined;
      const when = fast ? hours(1, 10) : hours(12, 80);
      const roll = random.next();
      const acceptShare = lead.goodFit ? 0.78 : 0.45;
      if (roll < acceptShare) plan.next = { to: 'sal', at: when, why: 'Accepted after a first call' };
      else if (roll < acceptShare + 0.12)
        plan.next = { to: 'nurture', at: when, why: 'Interested, but not this quarter' };
      else
        plan.next = {
          to: 'disqualified',
          at: when,
          reason: random.weighted(DISQUALIFY_AT_MQL),
          why: 'Disqualified after the first conversation',
        };
      break;
    }
    case 'sal':
      plan.next = { to: 'assess_bant', at: hours(24, 24 * 6), why: 'BANT discovery call' };
      break;
    case 'sql': {
      const roll = random.next();
      if (roll < 0.72)
        plan.next = { to: 'opportunity', at: hours(48, 24 * 9), why: 'Demo done, proposal requested' };
      else if (roll < 0.84)
        plan.next = {
          to: 'disqualified',
          at: hours(48, 24 * 9),
          reason: random.pick(['no_budget', 'bad_timing', 'competitor'] as const),
          why: 'Dropped before a proposal',
        };
      else if (roll < 0.92) plan.next = { to: 'nurture', at: hours(72, 24 * 10), why: 'Project postponed' };
      break;
    }
    case 'opportunity': {
      const roll = random.next();
      const when = hours(24 * 8, 24 * 35);
      if (roll < 0.38) plan.next = { to: 'customer', at: when, why: 'Contract signed' };
      else if (roll < 0.7)
        plan.next = {
          to: 'closed_lost',
          at: when,
          reason: random.weighted([
            ['competitor', 4],
            ['no_budget', 3],
            ['bad_timing', 2],
            ['no_need', 1],
          ] as const),
          why: 'Lost at the proposal stage',
        };
      break;
    }
    default:
      break;
  }
  return plan;
}

function afterFailedBant(random: Random, plan: LeadPlan, at: number): LeadPlan {
  // Some failed screens end the conversation; others stay in SAL while the rep chases the missing answers.
  if (random.chance(0.6))
    return {
      stage: plan.stage,
      enteredAt: plan.enteredAt,
      next: {
        to: 'disqualified',
        at: at + random.int(2, 48) * HOUR,
        reason: random.pick(['no_budget', 'no_authority', 'bad_timing'] as const),
        why: 'BANT screen failed',
      },
    };
  return { stage: plan.stage, enteredAt: plan.enteredAt };
}

function bantInput(random: Random, lead: PlannedLead): AssessmentInput {
  const strong = lead.goodFit ? random.chance(0.7) : random.chance(0.35);
  const company = lead.input.account?.name ?? 'their company';
  const criteria: AssessmentInput['criteria'] = {};
  for (const key of ['budget', 'authority', 'need', 'timeline'] as const) {
    const status = strong
      ? random.weighted([
          ['met', 8],
          ['partial', 2],
        ] as const)
      : random.weighted([
          ['met', 3],
          ['partial', 3],
          ['not_met', 3],
          ['unknown', 2],
        ] as const);
    if (status === 'unknown') continue;
    criteria[key] = {
      status,
      evidence: bantEvidence(random, key, status, company),
      source: 'rep',
      confidence: Math.round((0.5 + random.next() * 0.45) * 100) / 100,
    };
  }
  return { criteria };
}

function meddicInput(random: Random, lead: PlannedLead): AssessmentInput {
  const company = lead.input.account?.name ?? 'the buyer';
  const criteria: AssessmentInput['criteria'] = {};
  for (const key of [
    'metrics',
    'economic_buyer',
    'decision_criteria',
    'decision_process',
    'identify_pain',
    'champion',
  ] as const) {
    const status = random.weighted([
      ['met', 5],
      ['partial', 3],
      ['unknown', 2],
    ] as const);
    if (status === 'unknown') continue;
    criteria[key] = {
      status,
      evidence: meddicEvidence(random, key, status, company),
      source: 'rep',
      confidence: Math.round((0.55 + random.next() * 0.4) * 100) / 100,
    };
  }
  return { criteria };
}
