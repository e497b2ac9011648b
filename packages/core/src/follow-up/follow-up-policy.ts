import { z } from 'zod';
import { STAGES, type Stage } from '../stages/stages';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Whether the runtime's time-zone database knows `name` (an IANA name such as "Europe/Warsaw", or "UTC"). */
export const isTimeZone = (name: string): boolean => {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};

/** "HH:MM" on a 24-hour clock; "24:00" is the end of the day. */
const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Minutes after local midnight of an "HH:MM" time of day. */
export const minuteOfDay = (clock: string): number => {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
};

const noRepeats = <T>(list: readonly T[]) => new Set(list).size === list.length;

const stageList = (fallback: readonly Stage[]) =>
  z
    .array(z.enum(STAGES))
    .max(STAGES.length)
    .refine(noRepeats, 'names a stage twice')
    .default(() => [...fallback]);

const clockTime = (fallback: string) =>
  z
    .string()
    .regex(CLOCK_TIME, 'must be a time of day "HH:MM" (24-hour clock, "24:00" for midnight)')
    .default(fallback);

export const businessHoursSchema = z
  .strictObject({
    /** The zone the working day is read in; daylight-saving changes follow it. */
    timeZone: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone name, e.g. "Europe/Warsaw", "America/New_York" or "UTC"')
      .default('UTC'),
    /** Every minute counts (a 24/7 team); `days`, `start`, `end` and `holidays` are then ignored. */
    alwaysOpen: z.boolean().default(false),
    days: z
      .array(z.enum(WEEKDAYS))
      .min(1, 'name at least one working day (or set alwaysOpen)')
      .max(7)
      .refine(noRepeats, 'names a day twice')
      .default((): Weekday[] => ['mon', 'tue', 'wed', 'thu', 'fri']),
    start: clockTime('09:00'),
    end: clockTime('17:00'),
    /** Local dates the team does not work, e.g. "2026-12-25". */
    holidays: z
      .array(z.iso.date('must be a date "YYYY-MM-DD"'))
      .max(400, 'at most 400 holidays')
      .default(() => []),
  })
  .refine((hours) => minuteOfDay(hours.start) < minuteOfDay(hours.end), {
    message: 'end must be after start (a working day that runs past midnight is not supported)',
    path: ['end'],
  });

export type BusinessHours = z.output<typeof businessHoursSchema>;

/**
 * Hand-raisers are answered within `targetMinutes` business minutes. 5 is the window the lead-response studies
 * single out (contact odds fall about a hundredfold by 30 minutes); the escalation at 25 minutes past due fires
 * at that 30-minute mark.
 */
export const speedToLeadPolicySchema = z.strictObject({
  targetMinutes: z
    .number()
    .int('targetMinutes is a whole number of minutes')
    .min(1, 'targetMinutes must be at least 1')
    .max(10_080, 'targetMinutes is at most 10080 (a week of minutes)')
    .default(5),
  /** Business minutes past due after which the lead is escalated; null never escalates. */
  escalateAfterMinutes: z
    .number()
    .int('escalateAfterMinutes is a whole number of minutes')
    .min(0, 'escalateAfterMinutes must be 0 or more')
    .max(10_080, 'escalateAfterMinutes is at most 10080 (a week of minutes)')
    .nullable()
    .default(25),
  /** Stages in which an uncontacted hand-raiser is still waiting for a rep. */
  stages: stageList(['subscriber', 'lead', 'mql', 'pql', 'cql']),
});

export type SpeedToLeadPolicy = z.output<typeof speedToLeadPolicySchema>;

/** A lead in a working stage with no activity for `afterDays` calendar days has gone quiet. */
export const goneQuietPolicySchema = z
  .strictObject({
    afterDays: z
      .number()
      .int('afterDays is a whole number of days')
      .min(1, 'afterDays must be at least 1')
      .max(365, 'afterDays is at most 365')
      .default(14),
    /** Quiet this long, the lead is better nurtured or let go than chased; null never suggests it. */
    giveUpAfterDays: z
      .number()
      .int('giveUpAfterDays is a whole number of days')
      .max(730, 'giveUpAfterDays is at most 730')
      .nullable()
      .default(45),
    stages: stageList(['mql', 'pql', 'cql', 'sal', 'sql', 'opportunity']),
  })
  .refine((quiet) => quiet.giveUpAfterDays === null || quiet.giveUpAfterDays > quiet.afterDays, {
    message: 'giveUpAfterDays must be more than afterDays',
    path: ['giveUpAfterDays'],
  });

export type GoneQuietPolicy = z.output<typeof goneQuietPolicySchema>;

/**
 * The `followUp` section of the scoring policy. Every key has a default, and so does the section: a policy stored
 * before it existed parses with the defaults (`prefault` runs the empty object through the schema).
 */
export const followUpPolicySchema = z.strictObject({
  businessHours: businessHoursSchema.prefault({}),
  speedToLead: speedToLeadPolicySchema.prefault({}),
  goneQuiet: goneQuietPolicySchema.prefault({}),
});

export type FollowUpPolicy = z.output<typeof followUpPolicySchema>;

export const DEFAULT_FOLLOW_UP_POLICY: FollowUpPolicy = followUpPolicySchema.parse({});

/**
 * A stored policy is read without parsing (the policy cache trusts what was validated when it was published), so
 * one published before the section existed has none: the defaults apply.
 */
export const followUpPolicyOf = (policy: { followUp?: FollowUpPolicy | undefined }): FollowUpPolicy =>
  policy.followUp ?? DEFAULT_FOLLOW_UP_POLICY;
