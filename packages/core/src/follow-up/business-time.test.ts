import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isOpenAt,
  nextOpening,
  subtractBusinessMinutes,
} from './business-time';
import { type BusinessHours, businessHoursSchema } from './follow-up-policy';

const hours = (input: object): BusinessHours => businessHoursSchema.parse(input);
const utc = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

const warsaw = hours({ timeZone: 'Europe/Warsaw' });
const newYork = hours({ timeZone: 'America/New_York', start: '08:30', end: '18:00' });

describe('addBusinessMinutes', () => {
  it('counts plain minutes inside the working day', () => {
    // Tuesday 2026-06-02 10:00 in Warsaw (CEST, UTC+2) is 08:00Z.
    expect(iso(addBusinessMinutes(utc('2026-06-02T08:00:00Z'), 5, warsaw))).toBe('2026-06-02T08:05:00.000Z');
  });

  it('makes a Friday-evening demo request due on Monday morning', () => {
    // Friday 2026-06-05 20:14 in Warsaw; the clock starts Monday 09:00 CEST.
    const due = addBusinessMinutes(utc('2026-06-05T18:14:00Z'), 5, warsaw);
    expect(iso(due)).toBe('2026-06-08T07:05:00.000Z');
  });

  it('carries what is left of the day over the weekend and across the spring-forward change', () => {
    // Friday 2026-03-27 16:58 CET (UTC+1); Monday 2026-03-30 opens at 09:00 CEST (UTC+2).
    const due = addBusinessMinutes(utc('2026-03-27T15:58:00Z'), 5, warsaw);
    expect(iso(due)).toBe('2026-03-30T07:03:00.000Z');
  });

  it('opens at the local hour after the autumn change too', () => {
    // Friday 2026-10-30 closes at 18:00 EDT; Monday 2026-11-02 opens after the change of 1 November (EST, UTC-5).
    const friday = utc('2026-10-30T22:00:00Z'); // 18:00 EDT, closing time
    expect(iso(addBusinessMinutes(friday, 10, newYork))).toBe('2026-11-02T13:40:00.000Z');
  });

  it('skips holidays', () => {
    const christmas = hours({ timeZone: 'Europe/Warsaw', holidays: ['2026-12-24', '2026-12-25'] });
    // Wednesday 2026-12-23 16:59 CET; Thursday and Friday are holidays: due Monday 28th 09:04.
    expect(iso(addBusinessMinutes(utc('2026-12-23T15:59:00Z'), 5, christmas))).toBe(
      '2026-12-28T08:04:00.000Z',
    );
  });

  it('counts every minute for a 24/7 team, weekends and nights included', () => {
    const always = hours({ timeZone: 'Europe/Warsaw', alwaysOpen: true });
    expect(iso(addBusinessMinutes(utc('2026-06-06T23:58:00Z'), 5, always))).toBe('2026-06-07T00:03:00.000Z');
    expect(businessMinutesBetween(utc('2026-03-28T23:00:00Z'), utc('2026-03-29T23:00:00Z'), always)).toBe(
      1440,
    );
  });
});

describe('businessMinutesBetween', () => {
  it('sees 23 and 25 working hours on the days the clocks change', () => {
    const allDay = hours({
      timeZone: 'Europe/Warsaw',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      start: '00:00',
      end: '24:00',
    });
    // Sunday 2026-03-29 local midnight to local midnight: 23 hours; Sunday 2026-10-25: 25 hours.
    expect(businessMinutesBetween(utc('2026-03-28T23:00:00Z'), utc('2026-03-29T22:00:00Z'), allDay)).toBe(
      23 * 60,
    );
    expect(businessMinutesBetween(utc('2026-10-24T22:00:00Z'), utc('2026-10-25T23:00:00Z'), allDay)).toBe(
      25 * 60,
    );
  });

  it('counts only the open part of a span, and nothing backwards', () => {
    // Friday 16:00 to Monday 10:00 in Warsaw: one hour each side.
    expect(businessMinutesBetween(utc('2026-06-05T14:00:00Z'), utc('2026-06-08T08:00:00Z'), warsaw)).toBe(
      120,
    );
    expect(businessMinutesBetween(utc('2026-06-08T08:00:00Z'), utc('2026-06-05T14:00:00Z'), warsaw)).toBe(0);
  });

  it('reads a half-hour zone (Asia/Kolkata, UTC+5:30)', () => {
    const kolkata = hours({ timeZone: 'Asia/Kolkata' });
    // Monday 2026-06-01 09:00 IST is 03:30Z.
    expect(isOpenAt(utc('2026-06-01T03:29:00Z'), kolkata)).toBe(false);
    expect(isOpenAt(utc('2026-06-01T03:30:00Z'), kolkata)).toBe(true);
    expect(iso(nextOpening(utc('2026-05-30T12:00:00Z'), kolkata))).toBe('2026-06-01T03:30:00.000Z');
  });
});

describe('subtractBusinessMinutes', () => {
  it('walks back over the weekend to the latest instant that has waited that long', () => {
    expect(iso(subtractBusinessMinutes(utc('2026-03-30T07:03:00Z'), 5, warsaw))).toBe(
      '2026-03-27T15:58:00.000Z',
    );
    // One business minute before Monday's opening is Friday 16:59.
    expect(iso(subtractBusinessMinutes(utc('2026-06-08T07:00:00Z'), 1, warsaw))).toBe(
      '2026-06-05T14:59:00.000Z',
    );
  });
});

const CALENDARS: BusinessHours[] = [
  warsaw,
  newYork,
  hours({
    timeZone: 'Asia/Kolkata',
    days: ['sun', 'mon', 'tue', 'wed', 'thu'],
    start: '10:00',
    end: '19:00',
  }),
  // Lord Howe Island moves its clocks by half an hour.
  hours({ timeZone: 'Australia/Lord_Howe', days: ['sat', 'sun'], start: '00:00', end: '24:00' }),
  hours({ timeZone: 'Europe/London', holidays: ['2026-12-25', '2027-01-01', '2026-04-03'] }),
  hours({ timeZone: 'UTC', alwaysOpen: true }),
];

const calendar = fc.constantFrom(...CALENDARS);
const instant = fc.integer({ min: utc('2025-01-01T00:00:00Z'), max: utc('2028-01-01T00:00:00Z') });
const minutes = fc.integer({ min: 0, max: 5_000 });

describe('business time, for any calendar and instant', () => {
  it('never makes something due before it arrived', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, (h, at, m) => {
        expect(addBusinessMinutes(at, m, h)).toBeGreaterThanOrEqual(at);
      }),
    );
  });

  it('counts elapsed business minutes that never decrease as now moves on', () => {
    fc.assert(
      fc.property(calendar, instant, fc.nat(20 * 86_400_000), fc.nat(20 * 86_400_000), (h, from, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(businessMinutesBetween(from, from + early, h)).toBeLessThanOrEqual(
          businessMinutesBetween(from, from + late, h),
        );
      }),
    );
  });

  it('measures back exactly the minutes it added, and the ones it subtracted', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, (h, at, m) => {
        expect(businessMinutesBetween(at, addBusinessMinutes(at, m, h), h)).toBeCloseTo(m, 9);
        expect(businessMinutesBetween(subtractBusinessMinutes(at, m, h), at, h)).toBeCloseTo(m, 9);
      }),
    );
  });

  it('subtracting what was added lands at or after the start, with no working time in between', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 5_000 }), (h, at, m) => {
        const back = subtractBusinessMinutes(addBusinessMinutes(at, m, h), m, h);
        expect(back).toBeGreaterThanOrEqual(at);
        expect(businessMinutesBetween(at, back, h)).toBe(0);
      }),
    );
  });

  it('is open exactly where a minute of working time starts', () => {
    fc.assert(
      fc.property(calendar, instant, (h, at) => {
        expect(isOpenAt(at, h)).toBe(businessMinutesBetween(at, at + 1, h) > 0);
      }),
    );
  });
});
