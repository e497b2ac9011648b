import type { DuplicateCandidate, Lead, MergeInput, MergeResult } from '@triage/contracts';
import {
  MERGE_FIELDS,
  type MergeableLead,
  type MergeChoices,
  type MergeField,
  type MergeSide,
  mergeLeadFields,
  STAGE_LABELS,
  type Stage,
} from '@triage/core';

export const VERDICT_LABELS: Record<DuplicateCandidate['verdict'], string> = {
  likely: 'Likely duplicate',
  possible: 'Possible duplicate',
  unlikely: 'Unlikely duplicate',
};

/** 0.934 → "93%": the pair's score as a rep reads it. */
export const scorePercent = (score: number) => `${Math.round(score * 100)}%`;

export interface ReasonLine {
  text: string;
  /** Signed log-odds points, one decimal: "+2.3", "−1.5", "0". */
  points: string;
  tone: 'for' | 'against' | 'neutral';
}

/** The evidence lines in the server's order (the starting point first), each with signed points (a true minus). */
export function reasonLines(reasons: DuplicateCandidate['reasons']): ReasonLine[] {
  return reasons.map((reason) => {
    const rounded = (Math.sign(reason.points) * Math.round(Math.abs(reason.points) * 10)) / 10;
    return {
      text: reason.text,
      points: rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${Math.abs(rounded)}` : '0',
      tone: rounded > 0 ? 'for' : rounded < 0 ? 'against' : 'neutral',
    };
  });
}

/** The fields a merge decides, as the core rule reads them from a lead. */
export const mergeableOf = (lead: Lead): MergeableLead => ({
  email: lead.email,
  firstName: lead.firstName,
  lastName: lead.lastName,
  title: lead.title,
  phone: lead.phone,
  country: lead.country,
  source: lead.source,
  ownerId: lead.ownerId,
  accountId: lead.accountId,
  stage: lead.stage,
  custom: lead.custom,
});

export const MERGE_FIELD_LABELS: Record<MergeField, string> = {
  email: 'Email',
  firstName: 'First name',
  lastName: 'Last name',
  title: 'Title',
  phone: 'Phone',
  country: 'Country',
  source: 'Source',
  ownerId: 'Owner',
  accountId: 'Account',
  stage: 'Stage',
  custom: 'Custom fields',
};

/** Custom fields are united, not chosen: the dialog says so instead of offering a side. */
const CHOOSABLE = MERGE_FIELDS.filter((field) => field !== 'custom');

export interface MergeRow {
  field: MergeField;
  label: string;
  survivor: string;
  duplicate: string;
  /** Whose value the server keeps when nobody chooses (survivor unless empty there; the further stage). */
  defaultSide: MergeSide;
  /** False when both sides read the same: nothing to choose. */
  differs: boolean;
}

/** How a field's value reads in the dialog; ids become names through `names`. */
export function fieldText(
  field: MergeField,
  lead: Lead,
  names: { owner: (id: string | null) => string },
): string {
  switch (field) {
    case 'ownerId':
      return lead.ownerId ? names.owner(lead.ownerId) : '—';
    case 'accountId':
      return lead.accountId ? (lead.company ?? 'An account') : '—';
    case 'stage':
      return STAGE_LABELS[lead.stage];
    case 'custom':
      return Object.keys(lead.custom).join(', ') || '—';
    default: {
      const value = lead[field];
      return value === null || value === '' ? '—' : value;
    }
  }
}

/**
 * One row per field, with the side the server would keep by default: the core merge rule is run without choices
 * and a field it changes on the survivor is one the duplicate fills (or, for the stage, the further one).
 */
export function mergeRows(
  survivor: Lead,
  duplicate: Lead,
  names: { owner: (id: string | null) => string },
): MergeRow[] {
  const { changes } = mergeLeadFields(mergeableOf(survivor), mergeableOf(duplicate));
  const changed = new Set(changes.map((c) => c.field));
  return CHOOSABLE.map((field) => {
    const s = fieldText(field, survivor, names);
    const d = fieldText(field, duplicate, names);
    return {
      field,
      label: MERGE_FIELD_LABELS[field],
      survivor: s,
      duplicate: d,
      defaultSide: changed.has(field) ? 'duplicate' : 'survivor',
      differs: JSON.stringify(survivor[field]) !== JSON.stringify(duplicate[field]),
    };
  });
}

/** Only the picks that differ from the default go to the server: the rest it decides the same way itself. */
export function choicesToSend(
  rows: readonly MergeRow[],
  picks: Partial<Record<MergeField, MergeSide>>,
): MergeChoices {
  const choices: MergeChoices = {};
  for (const row of rows) {
    const pick = picks[row.field];
    if (pick && pick !== row.defaultSide && row.differs) choices[row.field] = pick;
  }
  return choices;
}

/** The merge request for a survivor and its picks; `fields` left out when every field keeps its default. */
export function mergeRequest(
  duplicateId: string,
  rows: readonly MergeRow[],
  picks: Partial<Record<MergeField, MergeSide>>,
  force: boolean,
): MergeInput {
  const fields = choicesToSend(rows, picks);
  return {
    duplicateId,
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    ...(force ? { force: true } : {}),
  };
}

/** The stage the merged lead ends in with these picks, as the server will compute it. */
export function resultingStage(
  survivor: Lead,
  duplicate: Lead,
  rows: readonly MergeRow[],
  picks: Partial<Record<MergeField, MergeSide>>,
): Stage {
  return mergeLeadFields(mergeableOf(survivor), mergeableOf(duplicate), choicesToSend(rows, picks)).merged
    .stage;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 events, 1 stage change and 2 touches": what moved, the empty kinds left out. */
export function movedText(moved: MergeResult['moved']): string {
  const parts = [
    moved.events && count(moved.events, 'event'),
    moved.transitions && count(moved.transitions, 'stage change'),
    moved.notes && count(moved.notes, 'note'),
    moved.touches && count(moved.touches, 'touch', 'touches'),
    moved.assessments && count(moved.assessments, 'assessment'),
  ].filter((part): part is string => typeof part === 'string');
  if (parts.length === 0) return 'nothing besides its fields';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

const valueText = (field: string, value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'stage' && typeof value === 'string' && value in STAGE_LABELS)
    return STAGE_LABELS[value as Stage];
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return Object.keys(value).join(', ') || '—';
  return String(value);
};

/** What a merge did, in lines a rep can check: what moved, what changed on the survivor and why, the heat. */
export function mergeResultLines(
  result: Pick<MergeResult, 'moved' | 'changes' | 'engagement' | 'assessments' | 'merged'>,
  names: { owner: (id: string | null) => string; account?: (id: string) => string } = {
    owner: (id) => id ?? '—',
  },
): string[] {
  const lines = [`Moved from ${result.merged.email}: ${movedText(result.moved)}.`];
  for (const change of result.changes) {
    const label = MERGE_FIELD_LABELS[change.field];
    const show = (value: unknown) =>
      change.field === 'ownerId' && typeof value === 'string'
        ? names.owner(value)
        : change.field === 'accountId' && typeof value === 'string' && names.account
          ? names.account(value)
          : valueText(change.field, value);
    lines.push(`${label}: ${show(change.from)} → ${show(change.to)} (${change.why}).`);
  }
  for (const a of result.assessments)
    if (a.takenFromDuplicate.length > 0)
      lines.push(
        `${a.framework.toUpperCase()}: ${a.takenFromDuplicate.join(', ')} taken from the duplicate.`,
      );
  const before = Math.round(result.engagement.before);
  const after = Math.round(result.engagement.after);
  lines.push(
    before === after
      ? `Engagement unchanged at ${after}.`
      : `Engagement ${before} → ${after}, replayed from both leads' events.`,
  );
  return lines;
}
