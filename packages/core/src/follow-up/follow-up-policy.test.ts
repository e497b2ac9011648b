import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { POLICY_V1_FIXTURE } from '../policy/fixtures/policy-v1.fixture';
import { parseScoringPolicy } from '../policy/scoring-policy';
import { DEFAULT_FOLLOW_UP_POLICY, followUpPolicyOf, followUpPolicySchema } from './follow-up-policy';

const withFollowUp = (followUp: unknown) => ({ ...structuredClone(DEFAULT_POLICY), followUp });
const issuesOf = (input: unknown) => {
  const parsed = parseScoringPolicy(input);
  if (parsed.ok) throw new Error('expected the policy to be rejected');
  return parsed.issues;
};

describe('the followUp policy section', () => {
  it('defaults to a 5-minute target in Monday–Friday 09:00–17:00 UTC, escalation 25 minutes past due, quiet after 14 days', () => {
    expect(DEFAULT_FOLLOW_UP_POLICY).toEqual({
      businessHours: {
        timeZone: 'UTC',
        alwaysOpen: false,
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        start: '09:00',
        end: '17:00',
        holidays: [],
      },
      speedToLead: {
        targetMinutes: 5,
        escalateAfterMinutes: 25,
        stages: ['subscriber', 'lead', 'mql', 'pql', 'cql'],
      },
      goneQuiet: {
        afterDays: 14,
        giveUpAfterDays: 45,
        stages: ['mql', 'pql', 'cql', 'sal', 'sql', 'opportunity'],
      },
    });
    expect(DEFAULT_POLICY.followUp).toEqual(DEFAULT_FOLLOW_UP_POLICY);
  });

  it('gives a policy stored before the section existed the defaults', () => {
    const parsed = parseScoringPolicy(POLICY_V1_FIXTURE);
    expect(parsed.ok && parsed.policy.followUp).toEqual(DEFAULT_FOLLOW_UP_POLICY);
    expect(followUpPolicyOf({})).toBe(DEFAULT_FOLLOW_UP_POLICY);
  });

  it('fills what a partial section leaves out', () => {
    const parsed = followUpPolicySchema.parse({
      businessHours: { timeZone: 'Europe/Warsaw' },
      goneQuiet: { afterDays: 7 },
    });
    expect(parsed.businessHours).toMatchObject({ timeZone: 'Europe/Warsaw', start: '09:00', end: '17:00' });
    expect(parsed.goneQuiet).toMatchObject({ afterDays: 7, giveUpAfterDays: 45 });
    expect(parsed.speedToLead.targetMinutes).toBe(5);
  });

  it('names an unknown time zone at its path', () => {
    expect(issuesOf(withFollowUp({ businessHours: { timeZone: 'Mars/Olympus_Mons' } }))).toEqual([
      {
        path: 'followUp.businessHours.timeZone',
        message: 'must be an IANA time zone name, e.g. "Europe/Warsaw", "America/New_York" or "UTC"',
      },
    ]);
  });

  it('refuses a working day that ends before it starts, bad clock times, and repeated days', () => {
    expect(issuesOf(withFollowUp({ businessHours: { start: '18:00', end: '08:00' } }))[0]?.path).toBe(
      'followUp.businessHours.end',
    );
    expect(issuesOf(withFollowUp({ businessHours: { start: '9am' } }))[0]?.path).toBe(
      'followUp.businessHours.start',
    );
    expect(issuesOf(withFollowUp({ businessHours: { days: ['mon', 'mon'] } }))[0]).toEqual({
      path: 'followUp.businessHours.days',
      message: 'names a day twice',
    });
    expect(issuesOf(withFollowUp({ businessHours: { days: [] } }))[0]?.path).toBe(
      'followUp.businessHours.days',
    );
    expect(issuesOf(withFollowUp({ businessHours: { holidays: ['25/12/2026'] } }))[0]?.path).toBe(
      'followUp.businessHours.holidays.0',
    );
  });

  it('refuses a zero target, a give-up limit shorter than the quiet one, unknown stages and unknown keys', () => {
    expect(issuesOf(withFollowUp({ speedToLead: { targetMinutes: 0 } }))[0]).toEqual({
      path: 'followUp.speedToLead.targetMinutes',
      message: 'targetMinutes must be at least 1',
    });
    expect(issuesOf(withFollowUp({ goneQuiet: { afterDays: 30, giveUpAfterDays: 20 } }))[0]?.path).toBe(
      'followUp.goneQuiet.giveUpAfterDays',
    );
    expect(issuesOf(withFollowUp({ goneQuiet: { stages: ['working'] } }))[0]?.path).toBe(
      'followUp.goneQuiet.stages.0',
    );
    expect(issuesOf(withFollowUp({ speedToLead: { target: 5 } }))[0]?.path).toBe('followUp.speedToLead');
  });
});
