import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../policy/default-policy';
import type { ScoringPolicy } from '../policy/scoring-policy';
import { leadOutcome } from './lead-outcome';
import { replayQualification } from './replay-qualification';
import { type SimulationLead, simulatePolicy } from './simulate-policy';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const HOUR = 3_600_000;

const withMql = (minFit: number, minEngagement: number): ScoringPolicy => ({
  ...DEFAULT_POLICY,
  lifecycle: { ...DEFAULT_POLICY.lifecycle, mql: { minFit, minEngagement } },
});

const ideal = {
  account: { industry: 'software', employees: 200, annualRevenue: 10_000_000, country: 'US' },
  contact: { email: 'x@initech.io', title: 'VP of Sales' },
};

const simLead = (
  id: string,
  events: { type: string; hours: number }[],
  outcome: SimulationLead['outcome'],
): SimulationLead => ({
  id,
  label: `${id}@initech.io`,
  createdAt: T0,
  entryStage: 'lead',
  fitSubject: ideal,
  events: events.map((e) => ({ type: e.type, occurredAt: T0 + e.hours * HOUR })),
  outcome,
});

// Fit 90 each. "hot" reaches 25 at hour four and 40 at hour six; "warm" stops at 25 (webinar, then a reply a day later);
// "raiser" asks for a demo; "cold" only opens an email.
const history: SimulationLead[] = [
  simLead(
    'hot',
    [
      { type: 'webinar_attended', hours: 2 },
      { type: 'email_reply', hours: 4 },
      { type: 'webinar_attended', hours: 6 },
    ],
    leadOutcome('opportunity', ['lead', 'mql', 'sal', 'sql', 'opportunity']),
  ),
  simLead(
    'warm',
    [
      { type: 'webinar_attended', hours: 24 },
      { type: 'email_reply', hours: 48 },
    ],
    leadOutcome('customer', ['lead', 'sal', 'sql', 'opportunity', 'customer']),
  ),
  simLead(
    'raiser',
    [{ type: 'demo_request', hours: 12 }],
    leadOutcome('disqualified', ['lead', 'mql', 'disqualified']),
  ),
  simLead('cold', [{ type: 'email_open', hours: 1 }], leadOutcome('lead', ['lead'])),
];

describe('simulatePolicy', () => {
  it('a lower engagement threshold gains the lead that stopped short, and says how it really turned out', () => {
    const result = simulatePolicy(history, DEFAULT_POLICY, withMql(60, 20));
    expect(result.replayed).toEqual({ leads: 4, events: 7, notReplayable: 0, recordedQualified: 2 });
    expect(result.current).toMatchObject({
      leads: 2,
      byStage: { mql: 2, pql: 0, cql: 0 },
      byRule: { fitAndEngagement: 1, handRaiser: 1 },
      // hot qualifies 6 hours in, raiser 12 hours in.
      medianTimeToQualifyMs: 9 * HOUR,
      outcomes: {
        reachedSal: 1,
        reachedSql: 1,
        reachedOpportunity: 1,
        customers: 0,
        disqualified: 1,
        open: 1,
      },
      rates: { sal: 0.5, sql: 0.5, opportunity: 0.5, customer: 0 },
    });
    // Under the draft "hot" qualifies 4 hours in (25 points) and "warm" 48 hours in: median of 4, 12 and 48.
    expect(result.draft).toMatchObject({
      leads: 3,
      medianTimeToQualifyMs: 12 * HOUR,
      rates: { customer: 1 / 3 },
    });
    expect(result.both.leads).toBe(2);
    expect(result.lost).toMatchObject({ leads: 0, examples: [] });
    expect(result.gained).toMatchObject({
      leads: 1,
      outcomes: { customers: 1 },
      rates: { sql: 1, customer: 1 },
    });
    const [example] = result.gained.examples;
    expect(example).toMatchObject({
      leadId: 'warm',
      label: 'warm@initech.io',
      outcome: { furthest: 'customer', state: 'customer' },
      current: { qualified: false, reason: 'engagement_below' },
      draft: { qualified: true, rule: 'fit_and_engagement', at: T0 + 48 * HOUR },
    });
  });

  it('raising the fit bar loses every scored MQL but keeps the hand-raiser', () => {
    const result = simulatePolicy(history, DEFAULT_POLICY, withMql(95, 30));
    expect(result.lost.leads).toBe(1);
    expect(result.lost.examples.map((e) => e.leadId)).toEqual(['hot']);
    expect(result.lost.examples[0]?.draft).toMatchObject({ qualified: false, reason: 'fit_below' });
    expect(result.draft.byRule).toEqual({ fitAndEngagement: 0, handRaiser: 1 });
  });

  it('keeps the examples that went furthest, up to the limit asked', () => {
    const result = simulatePolicy(history, DEFAULT_POLICY, withMql(0, 0), { examples: 1 });
    // Gained: warm (customer) and cold (still a lead); only the customer is shown.
    expect(result.gained.leads).toBe(2);
    expect(result.gained.examples.map((e) => e.leadId)).toEqual(['warm']);
  });

  it('counts a knock-out the draft adds, and does not replay leads created as customers', () => {
    const competitorRule = {
      id: 'no-initech',
      subject: 'account' as const,
      field: 'industry',
      operator: 'equals' as const,
      value: 'software',
      weight: 0,
      knockout: true,
    };
    const draft = { ...DEFAULT_POLICY, icp: { rules: [...DEFAULT_POLICY.icp.rules, competitorRule] } };
    const imported: SimulationLead = {
      ...simLead('imported', [], leadOutcome('customer', ['customer'])),
      entryStage: 'customer',
    };
    const result = simulatePolicy([...history, imported], DEFAULT_POLICY, draft);
    expect(result.replayed.notReplayable).toBe(1);
    expect(result.draft).toMatchObject({ leads: 0, knockedOut: 4 });
    expect(result.lost.leads).toBe(2);
  });
});

const EVENT_TYPES = [
  'page_view',
  'pricing_page_view',
  'email_click',
  'webinar_attended',
  'email_reply',
  'demo_request',
  'trial_signup',
  'unsubscribe',
];
const SUBJECTS = [
  ideal,
  { contact: { email: 'y@gmail.com', title: 'Marketing Manager' } },
  {
    account: { industry: 'software', employees: 40, country: 'DE' },
    contact: { email: 'z@acme.de', title: 'Director of Marketing' },
  },
];

const leadArbitrary = fc.record({
  subject: fc.integer({ min: 0, max: SUBJECTS.length - 1 }),
  events: fc.array(
    fc.record({ type: fc.constantFrom(...EVENT_TYPES), hours: fc.integer({ min: -24, max: 60 * 24 }) }),
    { maxLength: 25 },
  ),
});

const leadsArbitrary = fc.array(leadArbitrary, { maxLength: 20 }).map((list) =>
  list.map(
    (l, i): SimulationLead => ({
      ...simLead(`lead-${i}`, l.events, leadOutcome('lead', ['lead'])),
      fitSubject: SUBJECTS[l.subject]!,
    }),
  ),
);

describe('simulatePolicy properties', () => {
  it('a draft equal to the current policy gives the same numbers and no gained or lost leads', () => {
    fc.assert(
      fc.property(leadsArbitrary, (leads) => {
        const result = simulatePolicy(leads, DEFAULT_POLICY, structuredClone(DEFAULT_POLICY));
        expect(result.draft).toEqual(result.current);
        expect(result.gained.leads + result.lost.leads).toBe(0);
        expect(result.both.leads).toBe(result.current.leads);
      }),
    );
  });

  it('lowering the MQL thresholds never loses a lead and never qualifies one later', () => {
    fc.assert(
      fc.property(
        leadsArbitrary,
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        (leads, minFit, minEngagement) => {
          const draft = withMql(minFit, minEngagement);
          const result = simulatePolicy(leads, DEFAULT_POLICY, draft);
          expect(result.lost.leads).toBe(0);
          expect(result.draft.leads).toBe(result.current.leads + result.gained.leads);
          for (const lead of leads) {
            const before = replayQualification(lead, DEFAULT_POLICY);
            const after = replayQualification(lead, draft);
            if (before.qualified && after.qualified) expect(after.at).toBeLessThanOrEqual(before.at);
          }
        },
      ),
    );
  });

  it('every qualified lead is counted once per policy: the sets add up', () => {
    fc.assert(
      fc.property(leadsArbitrary, fc.integer({ min: 0, max: 100 }), (leads, minFit) => {
        const result = simulatePolicy(leads, DEFAULT_POLICY, withMql(minFit, 30));
        expect(result.current.leads).toBe(result.both.leads + result.lost.leads);
        expect(result.draft.leads).toBe(result.both.leads + result.gained.leads);
        const { byStage } = result.draft;
        expect(byStage.mql + byStage.pql + byStage.cql).toBe(result.draft.leads);
      }),
    );
  });
});
