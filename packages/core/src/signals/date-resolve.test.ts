import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay, parseIsoDay } from './calendar-math';
import { findDateMentions } from './date-resolve';

const resolve = (text: string, ref: string) =>
  findDateMentions(text, parseIsoDay(ref)).map((m) => ({
    phrase: m.phrase,
    start: m.value.start,
    end: m.value.end,
  }));

describe('findDateMentions', () => {
  it('reads a quarter that is already over as next year’s', () => {
    expect(resolve('We want it live by end of Q3.', '2026-11-22')).toEqual([
      { phrase: 'by end of Q3', start: '2026-11-22', end: '2027-09-30' },
    ]);
    expect(resolve('Rollout in Q3.', '2026-05-10')).toEqual([
      { phrase: 'in Q3', start: '2026-07-01', end: '2026-09-30' },
    ]);
  });

  it('clamps the current quarter to the reference date and rolls "next quarter" over the year end', () => {
    expect(resolve('It depends on Q4 results.', '2026-11-22')[0]).toMatchObject({
      start: '2026-11-22',
      end: '2026-12-31',
    });
    expect(resolve('Something in place next quarter.', '2026-11-22')[0]).toMatchObject({
      start: '2027-01-01',
      end: '2027-03-31',
    });
  });

  it('resolves durations from the reference date', () => {
    expect(resolve('Kick off in two weeks.', '2027-05-03')[0]).toMatchObject({
      start: '2027-05-03',
      end: '2027-05-17',
    });
    expect(resolve('Running within 60 days.', '2027-05-03')[0]).toMatchObject({ end: '2027-07-02' });
    expect(resolve('10x MRR in the next two months', '2027-05-03')[0]).toMatchObject({ end: '2027-07-03' });
  });

  it('reads by, before, end of, early, mid and late', () => {
    expect(resolve('Aiming to sign by March 15.', '2027-02-10')[0]).toMatchObject({
      start: '2027-02-10',
      end: '2027-03-15',
    });
    expect(resolve('Hopefully before the summer.', '2027-02-10')[0]).toMatchObject({ end: '2027-05-31' });
    expect(resolve('Start in early 2027.', '2026-11-22')[0]).toMatchObject({
      start: '2027-01-01',
      end: '2027-04-30',
    });
    expect(resolve('Planning round is mid-January.', '2026-11-22')[0]).toMatchObject({
      start: '2027-01-11',
      end: '2027-01-20',
    });
    expect(resolve('Full rollout by mid-2027.', '2026-11-22')[0]).toMatchObject({ end: '2027-08-31' });
    expect(resolve('Go-live 1 September 2027.', '2027-05-03')[0]).toMatchObject({
      start: '2027-09-01',
      end: '2027-09-01',
    });
  });

  it('ignores past periods and words that only look like dates', () => {
    expect(resolve('We looked at it last year.', '2026-11-22')).toEqual([]);
    expect(resolve('We may need to march on; 2,000 contacts, 11 meetings.', '2026-11-22')).toEqual([]);
    expect(resolve('Talk to Jan about it.', '2026-11-22')).toEqual([]);
  });

  it('uses chrono-node for weekdays and tomorrow', () => {
    expect(resolve('Everything scored by tomorrow.', '2027-05-03')[0]).toMatchObject({
      start: '2027-05-03',
      end: '2027-05-04',
    });
    expect(resolve('They spend most of Monday on lists.', '2027-05-03')).toEqual([]);
  });

  it('never returns a range that starts before the reference date or ends before it starts', () => {
    const phrases = [
      'in Q1',
      'by end of Q2',
      'Q3',
      'next quarter',
      'this year',
      'next year',
      'in March',
      'by June 30',
      'H2',
      'early next year',
      'in the summer',
      'within 6 weeks',
      'end of the month',
      'next week',
    ];
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2024-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...phrases),
        (date, phrase) => {
          const ref = formatDay({
            y: date.getUTCFullYear(),
            m: date.getUTCMonth() + 1,
            d: date.getUTCDate(),
          });
          for (const range of resolve(`We want it ${phrase}.`, ref)) {
            expect(range.start >= ref).toBe(true);
            expect(range.start <= range.end).toBe(true);
          }
        },
      ),
    );
  });
});
