import type { FollowUpStatusView } from '@triage/contracts';
import { businessHoursSchema } from '@triage/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeBusinessHours,
  formatBusinessMinutes,
  queueChips,
  touchOutcome,
  urgencyText,
} from '../src/logic/follow-up-text';

const clock = (over: Partial<NonNullable<FollowUpStatusView['clock']>> = {}) => ({
  state: 'pending' as const,
  startedAt: '2026-11-23T10:00:00.000Z',
  trigger: 'demo_request',
  targetMinutes: 5,
  dueAt: '2026-11-23T10:05:00.000Z',
  escalatesAt: '2026-11-23T10:30:00.000Z',
  contactedAt: null,
  elapsedMinutes: 2,
  minutesLeft: 3,
  overdueMinutes: null,
  why: 'Demo request 2 business minutes ago; 3 minutes left of the 5-minute target',
  ...over,
});

const status = (over: Partial<FollowUpStatusView> = {}): FollowUpStatusView => ({
  urgency: 'due',
  clock: clock(),
  quiet: null,
  nextAction: null,
  openNow: true,
  ...over,
});

const quiet = (days: number, giveUp = false) => ({
  quiet: true,
  since: '2026-10-01T10:00:00.000Z',
  days,
  afterDays: 14,
  giveUp,
  why: `No activity for ${days} days in MQL (quiet after 14)`,
});

const WARSAW = businessHoursSchema.parse({ timeZone: 'Europe/Warsaw' });

describe('business minutes', () => {
  it('reads as minutes under an hour, then hours and minutes, never days', () => {
    expect(formatBusinessMinutes(0)).toBe('0 min');
    expect(formatBusinessMinutes(4)).toBe('4 min');
    expect(formatBusinessMinutes(60)).toBe('1 h');
    expect(formatBusinessMinutes(125)).toBe('2 h 5 min');
    expect(formatBusinessMinutes(60 * 40)).toBe('40 h');
  });

  it('always adds back up to the minutes it was given', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (minutes) => {
        const text = formatBusinessMinutes(minutes);
        const h = Number(text.match(/([\d,]+) h/)?.[1]?.replaceAll(',', '') ?? 0);
        const m = Number(text.match(/(\d+) min/)?.[1] ?? 0);
        return h * 60 + m === minutes && m < 60;
      }),
    );
  });
});

describe('urgency in the queue', () => {
  it('says how far past due an overdue or escalated hand-raiser is', () => {
    expect(
      urgencyText(status({ urgency: 'overdue', clock: clock({ state: 'overdue', overdueMinutes: 12 }) })),
    ).toEqual({ label: 'Overdue', detail: 'by 12 min of business time', tone: 'danger' });
    const escalated = urgencyText(
      status({ urgency: 'escalated', clock: clock({ state: 'escalated', overdueMinutes: 95 }) }),
    );
    expect(escalated.label).toBe('Escalated');
    expect(escalated.detail).toBe('overdue by 1 h 35 min of business time');
  });

  it('counts down while open, and out of hours names the due time in the workspace zone', () => {
    expect(urgencyText(status()).detail).toBe('in 3 min of business time');
    const closed = urgencyText(
      status({ openNow: false, clock: clock({ dueAt: '2026-11-23T08:05:00.000Z' }) }),
      WARSAW,
    );
    expect(closed.label).toBe('Due');
    expect(closed.detail).toBe('at Mon 23 Nov 09:05 (Europe/Warsaw); closed now');
  });

  it('gives a quiet lead its days of silence, and says when it is past the give-up limit', () => {
    expect(urgencyText(status({ urgency: 'gone_quiet', clock: null, quiet: quiet(16) }))).toEqual({
      label: 'Gone quiet',
      detail: 'for 16 days',
      tone: 'quiet',
    });
    expect(urgencyText(status({ urgency: 'long_quiet', clock: null, quiet: quiet(1, true) })).detail).toBe(
      'for 1 day, past the give-up limit',
    );
  });

  it('says how an answered clock ended when nothing is due', () => {
    const met = urgencyText(
      status({ urgency: 'none', clock: clock({ state: 'met', elapsedMinutes: 3, minutesLeft: null }) }),
    );
    expect(met).toEqual({ label: 'Answered', detail: 'in 3 min (target 5 min)', tone: 'ok' });
    expect(urgencyText(status({ urgency: 'none', clock: null })).label).toBe('Nothing due');
  });
});

describe('queue chips', () => {
  it('adds up the overlapping kinds the way the server filters them', () => {
    const chips = queueChips({ escalated: 2, overdue: 3, due: 1, goneQuiet: 10, longQuiet: 4 });
    expect(Object.fromEntries(chips.map((c) => [c.label, c.count]))).toEqual({
      All: 20,
      'Speed to lead': 6,
      Escalated: 2,
      Overdue: 5,
      'Due soon': 1,
      'Gone quiet': 14,
    });
    expect(chips[0]!.kind).toBeUndefined();
  });

  it('shows no numbers on a later page, where the server sends no counts', () => {
    expect(queueChips(null).every((c) => c.count === null)).toBe(true);
  });
});

describe('logging a touch', () => {
  it('says the clock stopped and why when a waiting hand-raiser is answered', () => {
    const after = status({
      urgency: 'none',
      clock: clock({
        state: 'met',
        why: 'Demo request answered in 3 business minutes, within the 5-minute target',
      }),
    });
    expect(touchOutcome('call', status(), after)).toBe(
      'Call logged. The clock stopped: demo request answered in 3 business minutes, within the 5-minute target.',
    );
  });

  it('says the silence is over when a quiet lead is touched', () => {
    const before = status({ urgency: 'gone_quiet', clock: null, quiet: quiet(20) });
    const after = status({ urgency: 'none', clock: null, quiet: { ...quiet(0), quiet: false } });
    expect(touchOutcome('linkedin', before, after)).toBe(
      'LinkedIn logged. The silence is over; the lead is off the follow-up queue.',
    );
  });
});

describe('business hours', () => {
  it('joins consecutive days and names the zone', () => {
    expect(describeBusinessHours(WARSAW)).toBe('Mon–Fri 09:00–17:00 (Europe/Warsaw)');
    expect(
      describeBusinessHours(businessHoursSchema.parse({ days: ['mon', 'wed', 'thu', 'fri', 'sun'] })),
    ).toBe('Mon, Wed–Fri, Sun 09:00–17:00 (UTC)');
    expect(describeBusinessHours(businessHoursSchema.parse({ alwaysOpen: true }))).toBe(
      'Open around the clock',
    );
  });
});
