import { DEFAULT_POLICY, selectFeatureFields } from '@triage/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chooseFeatureFields,
  type FeatureLead,
  leadFeatureRow,
  outcomeOf,
  titleWords,
} from '../src/modules/predictive/lead-features';
import { liftByBand } from '../src/modules/predictive/model-evaluation';

const engagement = DEFAULT_POLICY.engagement;
const DAY = 86_400_000;
const T = Date.parse('2026-03-01T00:00:00Z');

const lead = (overrides: Partial<FeatureLead> = {}): FeatureLead => ({
  email: 'ann@northwind.io',
  title: 'VP of Sales, EMEA',
  seniority: 'vp',
  department: 'sales',
  country: 'DE',
  source: 'referral',
  custom: {},
  account: {
    industry: 'software',
    employees: 120,
    annualRevenue: 5e6,
    country: 'DE',
    technologies: ['salesforce'],
    custom: {},
  },
  ...overrides,
});

describe('outcome of a lead', () => {
  it('counts customers as won, closed-lost and disqualified as lost, the rest as open', () => {
    expect(outcomeOf('customer')).toBe('won');
    expect(outcomeOf('closed_lost')).toBe('lost');
    expect(outcomeOf('disqualified')).toBe('lost');
    for (const stage of ['lead', 'mql', 'sal', 'opportunity', 'nurture'])
      expect(outcomeOf(stage)).toBe('open');
  });
});

describe('feature row', () => {
  it('reads activity only up to the decision moment', () => {
    const events = [
      { type: 'pricing_page_view', occurredAt: T - 3 * DAY },
      { type: 'pricing_page_view', occurredAt: T - DAY },
      { type: 'meeting_held', occurredAt: T + 2 * DAY },
      { type: 'pricing_page_view', occurredAt: T + 5 * DAY },
    ];
    const row = leadFeatureRow(lead(), events, T, engagement);
    expect(row['activity.pricing_page_view']).toBe(2);
    expect(row['activity.meeting_held']).toBe(0);
    const later = leadFeatureRow(lead(), events, T + 6 * DAY, engagement);
    expect(later['activity.meeting_held']).toBe(1);
    expect(later['activity.engagement']).not.toBe(row['activity.engagement']);
  });

  it('engagement at the decision moment ignores any event after it, in any order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            type: fc.constantFrom('page_view', 'pricing_page_view', 'demo_request', 'email_click'),
            occurredAt: fc.integer({ min: T - 60 * DAY, max: T + 60 * DAY }),
          }),
          { maxLength: 30 },
        ),
        (events) => {
          const before = events.filter((e) => e.occurredAt <= T);
          const all = leadFeatureRow(lead(), [...events].reverse(), T, engagement);
          const onlyBefore = leadFeatureRow(lead(), before, T, engagement);
          expect(all).toEqual(onlyBefore);
        },
      ),
    );
  });

  it('holds lead, account and custom attributes but never the stage, owner or disqualification reason', () => {
    const row = leadFeatureRow(lead({ custom: { plan: 'pro' } }), [], T, engagement);
    expect(row).toMatchObject({
      'lead.source': 'referral',
      'account.industry': 'software',
      'account.employees': 120,
      'account.technologies': ['salesforce'],
      'lead.custom.plan': 'pro',
      'lead.email_kind': 'business',
    });
    expect(Object.keys(row).some((name) => /stage|owner|disqualif|close/.test(name))).toBe(false);
  });

  it('splits a job title into words', () => {
    expect(titleWords('VP of Sales, EMEA')).toEqual(['vp', 'sales', 'emea']);
    expect(titleWords(null)).toEqual([]);
  });
});

describe('field choice', () => {
  const rows = [
    leadFeatureRow(lead({ custom: { deal_stage: 'won', plan: 'pro' } }), [], T, engagement),
    leadFeatureRow(
      lead({ source: 'ads', custom: { deal_stage: 'lost', plan: 'free' } }),
      [{ type: 'page_view', occurredAt: T - DAY }],
      T,
      engagement,
    ),
  ];

  it('offers varying fields, drops constant ones, and the leakage guard removes outcome-named custom fields', () => {
    const choice = chooseFeatureFields(rows, engagement, { fields: null, excluded: [] });
    const names = choice.fields.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['lead.source', 'activity.page_view', 'lead.custom.plan']));
    expect(names).not.toContain('account.industry');
    expect(choice.skipped).toContainEqual({ name: 'account.industry', reason: 'the same on every lead' });
    const guarded = selectFeatureFields(choice.fields);
    expect(guarded.features.map((f) => f.name)).not.toContain('lead.custom.deal_stage');
    expect(guarded.excluded.map((f) => f.name)).toContain('lead.custom.deal_stage');
  });

  it("follows the workspace's field list and exclusions", () => {
    const only = chooseFeatureFields(rows, engagement, {
      fields: ['lead.source', 'lead.custom.plan'],
      excluded: [],
    });
    expect(only.fields.map((f) => f.name)).toEqual(['lead.source', 'lead.custom.plan']);
    const without = chooseFeatureFields(rows, engagement, { fields: null, excluded: ['lead.source'] });
    expect(without.fields.map((f) => f.name)).not.toContain('lead.source');
    expect(without.skipped).toContainEqual({ name: 'lead.source', reason: 'left out in the settings' });
  });
});

describe('lift by score band', () => {
  it('puts every held-out lead in one of ten bands, best first, with lift above 1 at the top of a good ranking', () => {
    const probabilities = Array.from({ length: 100 }, (_, i) => i / 100);
    const outcomes = probabilities.map((p) => p > 0.7);
    const bands = liftByBand(probabilities, outcomes);
    expect(bands).toHaveLength(10);
    expect(bands.reduce((sum, band) => sum + band.leads, 0)).toBe(100);
    expect(bands[0]!.lift).toBeCloseTo(1 / 0.29, 5);
    expect(bands.at(-1)!.won).toBe(0);
    expect(bands.at(-1)!.cumulativeLift).toBeCloseTo(1, 9);
  });
});
