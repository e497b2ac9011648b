import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../units';
import { type FollowUpPolicy, followUpPolicySchema } from './follow-up-policy';
import { compareFollowUps, type FollowUpFacts, followUpStatus } from './follow-up-status';

const utc = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const policy = (input: object = {}): FollowUpPolicy => followUpPolicySchema.parse(input);
const warsaw = policy({ businessHours: { timeZone: 'Europe/Warsaw' } });

// Tuesday 2026-06-02 10:00 in Warsaw.
const TUESDAY_10 = utc('2026-06-02T08:00:00Z');

const facts = (over: Partial<FollowUpFacts> = {}): FollowUpFacts => ({
  stage: 'mql',
  handRaisedAt: TUESDAY_10,
  handRaiseType: 'demo_request',
  contactedAt: null,
  knockedOut: false,
  lastActivityAt: TUESDAY_10,
  ...over,
});

describe('the speed-to-lead clock', () => {
  it('is pending right after a demo request, with the minutes left and a deadline to call by', () => {
    const status = followUpStatus(facts(), warsaw, TUESDAY_10 + 2 * MIN);
    expect(status.urgency).toBe('due');
    expect(status.clock).toMatchObject({
      state: 'pending',
      dueAt: TUESDAY_10 + 5 * MIN,
      escalatesAt: TUESDAY_10 + 30 * MIN,
      elapsedMinutes: 2,
      minutesLeft: 3,
    });
    expect(status.nextAction).toEqual({
      kind: 'call_before_due',
      label: 'Call before it is due',
      why: 'Demo request 2 business minutes ago; 3 minutes left of the 5-minute target',
      by: TUESDAY_10 + 5 * MIN,
    });
  });

  it('is overdue at 12 business minutes and says call now, with the target', () => {
    const status = followUpStatus(facts(), warsaw, TUESDAY_10 + 12 * MIN);
    expect(status.urgency).toBe('overdue');
    expect(status.clock).toMatchObject({ state: 'overdue', overdueMinutes: 7 });
    expect(status.nextAction).toMatchObject({
      kind: 'call_now',
      why: 'Demo request 12 business minutes ago, target 5',
    });
  });

  it('escalates 25 minutes past due by default, and never when the policy says null', () => {
    expect(followUpStatus(facts(), warsaw, TUESDAY_10 + 29 * MIN).clock?.state).toBe('overdue');
    const escalated = followUpStatus(facts(), warsaw, TUESDAY_10 + 30 * MIN);
    expect(escalated.urgency).toBe('escalated');
    expect(escalated.nextAction?.why).toBe(
      'Demo request 30 business minutes ago, target 5: escalated 25 minutes past due',
    );
    const never = policy({ speedToLead: { escalateAfterMinutes: null } });
    expect(followUpStatus(facts(), never, TUESDAY_10 + 10 * 24 * 60 * MIN).clock).toMatchObject({
      state: 'overdue',
      escalatesAt: null,
    });
  });

  it('waits for Monday morning when the request came on Friday evening, and says so', () => {
    const friday = utc('2026-06-05T18:14:00Z'); // 20:14 in Warsaw
    const saturday = utc('2026-06-06T10:00:00Z');
    const status = followUpStatus(facts({ handRaisedAt: friday }), warsaw, saturday);
    expect(status.clock).toMatchObject({
      state: 'pending',
      dueAt: utc('2026-06-08T07:05:00Z'),
      minutesLeft: 5,
    });
    expect(status.openNow).toBe(false);
    expect(status.nextAction?.why).toBe(
      'Demo request arrived outside business hours; the clock starts Mon 8 Jun 09:00 (Europe/Warsaw) and is due Mon 8 Jun 09:05 (Europe/Warsaw)',
    );
    // Monday 09:06: one minute past due, though three days have passed.
    expect(
      followUpStatus(facts({ handRaisedAt: friday }), warsaw, utc('2026-06-08T07:06:00Z')).clock,
    ).toMatchObject({
      state: 'overdue',
      elapsedMinutes: 6,
      overdueMinutes: 1,
    });
  });

  it('counts every minute for a 24/7 team', () => {
    const always = policy({ businessHours: { alwaysOpen: true } });
    const saturdayNight = utc('2026-06-06T23:00:00Z');
    expect(
      followUpStatus(facts({ handRaisedAt: saturdayNight }), always, saturdayNight + 6 * MIN).clock?.state,
    ).toBe('overdue');
  });

  it('stops at the first contact: met within the target, late past it', () => {
    expect(
      followUpStatus(facts({ contactedAt: TUESDAY_10 + 3 * MIN }), warsaw, TUESDAY_10 + 60 * MIN),
    ).toMatchObject({
      urgency: 'none',
      clock: {
        state: 'met',
        elapsedMinutes: 3,
        why: 'Demo request answered in 3 business minutes, within the 5-minute target',
      },
      nextAction: null,
    });
    expect(
      followUpStatus(facts({ contactedAt: TUESDAY_10 + 8 * MIN }), warsaw, TUESDAY_10 + 60 * MIN).clock,
    ).toMatchObject({ state: 'late', elapsedMinutes: 8, overdueMinutes: 3 });
  });

  it('does not let a contact made before the hand-raise answer it', () => {
    const status = followUpStatus(
      facts({ contactedAt: TUESDAY_10 - MS_PER_DAY }),
      warsaw,
      TUESDAY_10 + 6 * MIN,
    );
    expect(status.clock).toMatchObject({ state: 'overdue', contactedAt: null });
  });

  it('stops without a contact when the lead leaves the watched stages', () => {
    const status = followUpStatus(facts({ stage: 'disqualified' }), warsaw, TUESDAY_10 + 60 * MIN);
    expect(status.clock?.state).toBe('stopped');
    expect(status.urgency).toBe('none');
  });

  it('runs no clock for a knocked-out lead (a competitor asking for a demo is nobody to call)', () => {
    const status = followUpStatus(facts({ knockedOut: true }), warsaw, TUESDAY_10 + 60 * MIN);
    expect(status.clock).toMatchObject({
      state: 'stopped',
      why: 'Demo request not followed up: the lead is knocked out by the ICP',
    });
    expect(status.urgency).toBe('none');
  });

  it('has no clock for a lead that never raised a hand', () => {
    expect(followUpStatus(facts({ handRaisedAt: null }), warsaw, TUESDAY_10).clock).toBeNull();
  });
});

describe('gone quiet', () => {
  it('suggests re-engaging an SQL with no activity for 16 days', () => {
    const status = followUpStatus(
      facts({ stage: 'sql', handRaisedAt: null, lastActivityAt: TUESDAY_10 }),
      warsaw,
      TUESDAY_10 + 16 * MS_PER_DAY,
    );
    expect(status.urgency).toBe('gone_quiet');
    expect(status.quiet).toMatchObject({ quiet: true, days: 16, since: TUESDAY_10, giveUp: false });
    expect(status.nextAction).toMatchObject({
      kind: 're_engage',
      why: 'No activity for 16 days in Sales-qualified (SQL) (quiet after 14)',
    });
  });

  it('suggests nurture or disqualification after 45 quiet days', () => {
    const status = followUpStatus(
      facts({ stage: 'mql', handRaisedAt: null }),
      warsaw,
      TUESDAY_10 + 45 * MS_PER_DAY,
    );
    expect(status.urgency).toBe('long_quiet');
    expect(status.nextAction).toMatchObject({
      kind: 'nurture_or_disqualify',
      label: 'Move to nurture or disqualify',
      why: 'Quiet for 45 days in Marketing-qualified (MQL), past the 45-day limit',
    });
  });

  it('is not quiet before the threshold, and not watched outside working stages', () => {
    expect(
      followUpStatus(facts({ stage: 'sal', handRaisedAt: null }), warsaw, TUESDAY_10 + 13 * MS_PER_DAY)
        .urgency,
    ).toBe('none');
    expect(
      followUpStatus(facts({ stage: 'nurture', handRaisedAt: null }), warsaw, TUESDAY_10 + 99 * MS_PER_DAY)
        .quiet,
    ).toBeNull();
  });

  it('lets a waiting hand-raiser be a call, not a re-engagement', () => {
    const status = followUpStatus(facts(), warsaw, TUESDAY_10 + 20 * MS_PER_DAY);
    expect(status.urgency).toBe('escalated');
    expect(status.quiet?.quiet).toBe(true);
    expect(status.nextAction?.kind).toBe('call_now');
  });
});

describe('compareFollowUps', () => {
  it('ranks escalated, overdue, due, gone quiet, long quiet; the longest wait first within each', () => {
    const now = TUESDAY_10 + 60 * MS_PER_DAY;
    const entry = (id: string, over: Partial<FollowUpFacts>) => ({
      id,
      status: followUpStatus(facts(over), warsaw, now),
    });
    const list = [
      entry('long-quiet', { handRaisedAt: null, lastActivityAt: now - 50 * MS_PER_DAY }),
      entry('quiet-15', { handRaisedAt: null, lastActivityAt: now - 15 * MS_PER_DAY }),
      entry('quiet-20', { handRaisedAt: null, lastActivityAt: now - 20 * MS_PER_DAY }),
      entry('due', { handRaisedAt: now - MIN, lastActivityAt: now }),
      entry('overdue', { handRaisedAt: now - 10 * MIN, lastActivityAt: now }),
      entry('escalated-new', { handRaisedAt: now - 40 * MIN, lastActivityAt: now }),
      entry('escalated-old', { handRaisedAt: now - 5 * MS_PER_DAY, lastActivityAt: now }),
    ];
    expect(list.sort(compareFollowUps).map((e) => e.id)).toEqual([
      'escalated-old',
      'escalated-new',
      'overdue',
      'due',
      'quiet-20',
      'quiet-15',
      'long-quiet',
    ]);
  });
});

describe('followUpStatus, for any lead', () => {
  const stage = fc.constantFrom('lead', 'mql', 'sal', 'sql', 'disqualified', 'nurture' as const);
  const at = fc.integer({ min: utc('2026-01-01T00:00:00Z'), max: utc('2027-01-01T00:00:00Z') });

  it('only moves a waiting clock forward: pending, then overdue, then escalated', () => {
    const order = ['pending', 'overdue', 'escalated'];
    fc.assert(
      fc.property(at, fc.nat(30 * MS_PER_DAY), fc.nat(30 * MS_PER_DAY), (raised, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const first = followUpStatus(facts({ handRaisedAt: raised }), warsaw, raised + early).clock!;
        const second = followUpStatus(facts({ handRaisedAt: raised }), warsaw, raised + late).clock!;
        expect(order.indexOf(first.state)).toBeLessThanOrEqual(order.indexOf(second.state));
        expect(first.dueAt).toBeGreaterThanOrEqual(raised);
      }),
    );
  });

  it('always gives a next action with a reason when the lead needs one', () => {
    fc.assert(
      fc.property(stage, at, fc.option(at), fc.nat(90 * MS_PER_DAY), (s, raised, contacted, wait) => {
        const status = followUpStatus(
          facts({ stage: s, handRaisedAt: raised, contactedAt: contacted, lastActivityAt: raised }),
          warsaw,
          raised + wait,
        );
        expect(status.nextAction === null).toBe(status.urgency === 'none');
        if (status.nextAction) expect(status.nextAction.why.length).toBeGreaterThan(10);
      }),
    );
  });
});
