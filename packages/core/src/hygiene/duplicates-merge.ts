import type { Stage } from '../stages/stages';

/** The lead fields a merge decides, one by one. Seniority and department follow the title. */
export const MERGE_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'title',
  'phone',
  'country',
  'source',
  'ownerId',
  'accountId',
  'stage',
  'custom',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export const MERGE_SIDES = ['survivor', 'duplicate'] as const;
export type MergeSide = (typeof MERGE_SIDES)[number];
export type MergeChoices = { [K in MergeField]?: MergeSide | undefined };

export interface MergeableLead {
  email: string;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  phone: string | null;
  country: string | null;
  source: string | null;
  ownerId: string | null;
  accountId: string | null;
  stage: Stage;
  custom: Record<string, unknown>;
}

export interface MergeChange {
  field: MergeField;
  from: unknown;
  to: unknown;
  why: string;
}

export interface MergeOutcome {
  merged: MergeableLead;
  /** Only the fields whose value on the survivor changes. */
  changes: MergeChange[];
}

/**
 * How far along the funnel a stage is, for a merge: an active stage beats a parked or closed one (the person is
 * being worked on again), a later active stage beats an earlier one, and a customer beats everything.
 */
const MERGE_STAGE_RANK: Record<Stage, number> = {
  disqualified: 0,
  closed_lost: 0,
  nurture: 1,
  subscriber: 2,
  lead: 3,
  mql: 4,
  pql: 4,
  cql: 4,
  sal: 5,
  sql: 6,
  opportunity: 7,
  customer: 8,
};

/** The survivor's stage unless the duplicate's is further along (ties keep the survivor's). */
export function furtherStage(survivor: Stage, duplicate: Stage): { stage: Stage; why: string } {
  if (MERGE_STAGE_RANK[duplicate] > MERGE_STAGE_RANK[survivor])
    return { stage: duplicate, why: `the duplicate was further along (${duplicate} after ${survivor})` };
  return { stage: survivor, why: 'the survivor is as far along or further' };
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The merged lead: every field keeps the survivor's value unless it is empty there (then the duplicate's fills
 * it), or a choice names the side to take. The stage is the further along of the two; custom fields are united,
 * the survivor's keys winning (a `duplicate` choice lets the duplicate's win, `survivor` keeps only the survivor's).
 */
export function mergeLeadFields(
  survivor: MergeableLead,
  duplicate: MergeableLead,
  choices: MergeChoices = {},
): MergeOutcome {
  const merged = { ...survivor, custom: { ...survivor.custom } };
  const changes: MergeChange[] = [];
  const record = (field: MergeField, to: unknown, why: string) => {
    if (!sameValue(survivor[field], to)) changes.push({ field, from: survivor[field], to, why });
  };
  for (const field of MERGE_FIELDS) {
    const choice = choices[field];
    if (field === 'custom') {
      if (choice === 'survivor') continue;
      merged.custom =
        choice === 'duplicate'
          ? { ...survivor.custom, ...duplicate.custom }
          : { ...duplicate.custom, ...survivor.custom };
      record(
        field,
        merged.custom,
        choice === 'duplicate'
          ? "custom fields united, the duplicate's values chosen where both have one"
          : "custom fields united, the survivor's values kept where both have one",
      );
      continue;
    }
    if (field === 'stage' && choice === undefined) {
      const further = furtherStage(survivor.stage, duplicate.stage);
      merged.stage = further.stage;
      record(field, further.stage, further.why);
      continue;
    }
    if (choice !== undefined) {
      const value = (choice === 'duplicate' ? duplicate : survivor)[field];
      Object.assign(merged, { [field]: value });
      record(field, value, `the ${choice}'s value was chosen`);
      continue;
    }
    if (isEmpty(survivor[field]) && !isEmpty(duplicate[field])) {
      Object.assign(merged, { [field]: duplicate[field] });
      record(field, duplicate[field], 'empty on the survivor, taken from the duplicate');
    }
  }
  return { merged, changes };
}

export interface MergeableCriterion {
  status: string;
}

/**
 * One framework's criteria after a merge: the survivor's where it knows something, the duplicate's where the
 * survivor's status is unknown or missing. Answers which criteria came from the duplicate.
 */
export function mergeCriteria<C extends MergeableCriterion>(
  survivor: Readonly<Record<string, C>>,
  duplicate: Readonly<Record<string, C>>,
): { criteria: Record<string, C>; taken: string[] } {
  const criteria: Record<string, C> = { ...survivor };
  const taken: string[] = [];
  for (const [key, theirs] of Object.entries(duplicate)) {
    const ours = survivor[key];
    if ((ours === undefined || ours.status === 'unknown') && theirs.status !== 'unknown') {
      criteria[key] = theirs;
      taken.push(key);
    } else if (ours === undefined) criteria[key] = theirs;
  }
  return { criteria, taken: taken.sort() };
}
