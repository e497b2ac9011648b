import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../policy/default-policy';
import type { ScoringPolicy } from '../policy/scoring-policy';
import type { EngagementEvent } from '../scoring/engagement';
import type { FitSubject } from '../scoring/fit-score';
import { MS_PER_DAY } from '../units';
import { type ReplayLead, replayQualification } from './replay-qualification';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (days: number): number => T0 + days * MS_PER_DAY;

/** Industry 20 + size 20 + revenue 10 + territory 10 + decision-maker 15 + sales department 15 = 90 of 100. */
const idealFit: FitSubject = {
  account: { industry: 'software', employees: 200, annualRevenue: 10_000_000, country: 'US' },
  contact: { email: 'ana@initech.io', title: 'VP of Sales' },
};
const poorFit: FitSubject = { contact: { email: 'bo@initech.io', title: 'Software Engineer' } };

const lead = (events: EngagementEvent[], overrides: Partial<ReplayLead> = {}): ReplayLead => ({
  id: 'lead-1',
  createdAt: T0,
  entryStage: 'lead',
  fitSubject: idealFit,
  events,
  ...overrides,
});

const withMql = (minFit: number, minEngagement: number): ScoringPolicy => ({
  ...DEFAULT_POLICY,
  lifecycle: { ...DEFAULT_POLICY.lifecycle, mql: { minFit, minEngagement } },
});

// Webinar (15) on day 1, reply (10) on day 2, webinar (15) on day 3, half-life 14 days:
// day 2: 15·2^(−1/14) + 10 = 24.3; day 3: 15·2^(−2/14) + 10·2^(−1/14) + 15 = 38.1.
const nurtured = [
  { type: 'webinar_attended', occurredAt: at(1) },
  { type: 'email_reply', occurredAt: at(2) },
  { type: 'webinar_attended', occurredAt: at(3) },
];

describe('replayQualification', () => {
  it('qualifies at the first event after which fit and decayed engagement both reach the thresholds', () => {
    const replay = replayQualification(lead(nurtured), DEFAULT_POLICY);
    expect(replay).toMatchObject({ qualified: true, stage: 'mql', rule: 'fit_and_engagement', at: at(3) });
    if (!replay.qualified) throw new Error('expected a qualification');
    expect(replay.fit.score).toBe(90);
    expect(replay.engagement).toBeCloseTo(38.1, 1);
    expect(replay.why).toBe('Fit 90 reaches 60 and engagement 38.1 reaches 30: marketing-qualified.');
  });

  it('a lower engagement threshold qualifies the same lead a day earlier', () => {
    const replay = replayQualification(lead(nurtured), withMql(60, 20));
    expect(replay).toMatchObject({ qualified: true, at: at(2) });
    if (replay.qualified) expect(replay.engagement).toBeCloseTo(24.3, 1);
  });

  it('explains a miss with the fit and the highest engagement the lead ever had', () => {
    const replay = replayQualification(lead(nurtured), withMql(60, 40));
    expect(replay).toMatchObject({ qualified: false, reason: 'engagement_below', peakAt: at(3) });
    expect(replay.why).toBe(
      'Not qualified: fit 90 reaches 60; engagement peaked at 38.1 on 2026-03-05, below 40; no hand-raise.',
    );
    const poor = replayQualification(lead(nurtured, { fitSubject: poorFit }), DEFAULT_POLICY);
    expect(poor).toMatchObject({ qualified: false, reason: 'fit_below' });
    expect(poor.why).toContain('which would have been enough');
  });

  it('a hand-raise qualifies whatever the scores, into the stage its event type names', () => {
    const poor = { fitSubject: poorFit };
    expect(
      replayQualification(lead([{ type: 'demo_request', occurredAt: at(4) }], poor), DEFAULT_POLICY),
    ).toMatchObject({
      qualified: true,
      stage: 'mql',
      rule: 'hand_raiser',
      handRaiser: 'demo_request',
      at: at(4),
    });
    const trial = replayQualification(
      lead([{ type: 'trial_signup', occurredAt: at(1) }], poor),
      DEFAULT_POLICY,
    );
    expect(trial).toMatchObject({ qualified: true, stage: 'pql' });
    const contact = replayQualification(
      lead([{ type: 'contact_sales', occurredAt: at(1) }], poor),
      DEFAULT_POLICY,
    );
    expect(contact).toMatchObject({ qualified: true, stage: 'cql' });
  });

  it('a draft that stops treating demo requests as hand-raises leaves a poor-fit requester unqualified', () => {
    const draft: ScoringPolicy = {
      ...DEFAULT_POLICY,
      engagement: {
        ...DEFAULT_POLICY.engagement,
        eventTypes: { ...DEFAULT_POLICY.engagement.eventTypes, demo_request: { weight: 40 } },
      },
    };
    const replay = replayQualification(
      lead([{ type: 'demo_request', occurredAt: at(4) }], { fitSubject: poorFit }),
      draft,
    );
    expect(replay).toMatchObject({ qualified: false, reason: 'fit_below', peakEngagement: 40 });
  });

  it('a knock-out wins over a hand-raise, as it does live', () => {
    const student = { fitSubject: { contact: { email: 'kim@mit.edu', title: 'VP of Sales' } } };
    const replay = replayQualification(
      lead([{ type: 'demo_request', occurredAt: at(1) }], student),
      DEFAULT_POLICY,
    );
    expect(replay).toMatchObject({ qualified: false, reason: 'knocked_out' });
    expect(replay.why).toMatch(/^Knocked out: /);
  });

  it('events from before the lead existed count, and qualify it at its creation', () => {
    const replay = replayQualification(lead([{ type: 'demo_request', occurredAt: at(-1) }]), DEFAULT_POLICY);
    expect(replay).toMatchObject({ qualified: true, at: T0 });
  });

  it('caps apply per window: fifty page views in a day count ten points unless the draft lifts the cap', () => {
    const views = Array.from({ length: 50 }, () => ({ type: 'page_view', occurredAt: at(1) }));
    const capped = replayQualification(lead(views), DEFAULT_POLICY);
    expect(capped).toMatchObject({ qualified: false, reason: 'engagement_below', peakEngagement: 10 });
    const uncapped: ScoringPolicy = {
      ...DEFAULT_POLICY,
      engagement: {
        ...DEFAULT_POLICY.engagement,
        eventTypes: { ...DEFAULT_POLICY.engagement.eventTypes, page_view: { weight: 1 } },
      },
    };
    expect(replayQualification(lead(views), uncapped)).toMatchObject({ qualified: true, engagement: 50 });
  });

  it('leaves leads created past the qualifying stages alone', () => {
    const replay = replayQualification(
      lead([{ type: 'demo_request', occurredAt: at(1) }], { entryStage: 'customer' }),
      DEFAULT_POLICY,
    );
    expect(replay).toMatchObject({ qualified: false, reason: 'entered_past_qualification' });
  });
});
