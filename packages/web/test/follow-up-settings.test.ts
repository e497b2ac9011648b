import { DEFAULT_FOLLOW_UP_POLICY, type FollowUpPolicy } from '@triage/core';
import { describe, expect, it } from 'vitest';
import {
  addHoliday,
  checkFollowUp,
  followUpLabel,
  localNow,
  problemLine,
  splitFollowUpIssues,
  timeZoneChoices,
  toggleDay,
  weekdayLabel,
} from '../src/logic/follow-up-settings';

const policy = (edit: (p: FollowUpPolicy) => void): FollowUpPolicy => {
  const next = structuredClone(DEFAULT_FOLLOW_UP_POLICY);
  edit(next);
  return next;
};

describe('checkFollowUp', () => {
  it('passes the defaults', () => {
    expect(checkFollowUp(DEFAULT_FOLLOW_UP_POLICY)).toEqual([]);
  });

  it('names a day that closes before it opens, by the field the user sees', () => {
    const problems = checkFollowUp(
      policy((p) => {
        p.businessHours.start = '18:00';
        p.businessHours.end = '09:00';
      }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ key: 'businessHours.end', label: 'Closes at' });
    expect(problemLine(problems[0]!)).toMatch(/^Follow-up, Closes at: end must be after start/);
  });

  it('refuses a misspelt time zone, no working day, and giving up before going quiet', () => {
    const problems = checkFollowUp(
      policy((p) => {
        p.businessHours.timeZone = 'Europe/Warsaww';
        p.businessHours.days = [];
        p.goneQuiet.afterDays = 30;
        p.goneQuiet.giveUpAfterDays = 20;
      }),
    );
    expect(problems.map((p) => p.label).sort()).toEqual(['Give up after', 'Time zone', 'Working days']);
  });

  it('accepts never escalating and never giving up', () => {
    const problems = checkFollowUp(
      policy((p) => {
        p.speedToLead.escalateAfterMinutes = null;
        p.goneQuiet.giveUpAfterDays = null;
      }),
    );
    expect(problems).toEqual([]);
  });
});

describe('splitFollowUpIssues', () => {
  it('takes the follow-up issues apart with readable labels and leaves the others as they were', () => {
    const { followUp, rest } = splitFollowUpIssues({
      error: 'validation_error',
      message: 'The policy is invalid',
      issues: [
        {
          pointer: '/policy/followUp/speedToLead/targetMinutes',
          message: 'targetMinutes must be at least 1',
        },
        { pointer: '/policy/followUp/businessHours/holidays/2', message: 'must be a date "YYYY-MM-DD"' },
        { pointer: '/policy/lifecycle/mql/minFit', message: 'too big' },
      ],
    });
    expect(followUp.map(problemLine)).toEqual([
      'Follow-up, Speed-to-lead target: targetMinutes must be at least 1',
      'Follow-up, Holidays: must be a date "YYYY-MM-DD"',
    ]);
    expect(rest.issues).toEqual([{ pointer: '/policy/lifecycle/mql/minFit', message: 'too big' }]);
  });

  it('leaves a body without follow-up issues untouched', () => {
    const body = { error: 'x', message: 'no', issues: [{ pointer: '/note', message: 'too long' }] };
    expect(splitFollowUpIssues(body)).toEqual({ followUp: [], rest: body });
  });

  it('keeps an unknown key readable as its path', () => {
    expect(followUpLabel('somethingNew.value')).toBe('somethingNew.value');
  });
});

describe('editing helpers', () => {
  it('keeps working days in week order whatever the order they are switched in', () => {
    expect(toggleDay(['mon', 'tue'], 'sun')).toEqual(['mon', 'tue', 'sun']);
    expect(toggleDay(['sat', 'mon'], 'mon')).toEqual(['sat']);
    expect(toggleDay(['fri'], 'wed')).toEqual(['wed', 'fri']);
    expect(['sat', 'sun'].map((day) => weekdayLabel(day as 'sat' | 'sun'))).toEqual(['Sat', 'Sun']);
  });

  it('adds a holiday once, in date order, and ignores an empty date', () => {
    expect(addHoliday(['2026-12-25'], '2026-11-11')).toEqual(['2026-11-11', '2026-12-25']);
    expect(addHoliday(['2026-12-25'], '2026-12-25')).toEqual(['2026-12-25']);
    expect(addHoliday(['2026-12-25'], '')).toEqual(['2026-12-25']);
  });

  it('offers UTC first and never hides the stored zone', () => {
    expect(timeZoneChoices(['Europe/Warsaw', 'UTC'], 'UTC')).toEqual(['UTC', 'Europe/Warsaw']);
    expect(timeZoneChoices(['Europe/Warsaw'], 'Etc/GMT+3')).toEqual(['Etc/GMT+3', 'UTC', 'Europe/Warsaw']);
  });

  it('reads the local clock in the chosen zone, and nothing for an unknown one', () => {
    const noonUtc = Date.UTC(2026, 0, 6, 12, 0); // a Tuesday in winter: Warsaw is UTC+1
    expect(localNow('Europe/Warsaw', noonUtc)).toBe('Tue 13:00');
    expect(localNow('Mars/Olympus', noonUtc)).toBeNull();
  });
});
