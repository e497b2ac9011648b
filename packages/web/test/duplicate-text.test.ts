import type { Lead } from '@triage/contracts';
import { type MergeField, type MergeSide, mergeLeadFields, STAGES } from '@triage/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  choicesToSend,
  mergeableOf,
  mergeRequest,
  mergeResultLines,
  mergeRows,
  movedText,
  reasonLines,
  resultingStage,
  scorePercent,
} from '../src/logic/duplicate-text';

const lead = (over: Partial<Lead> = {}): Lead => ({
  id: '00000000-0000-4000-8000-000000000001',
  email: 'jordan.lee@acme.example',
  firstName: 'Jordan',
  lastName: 'Lee',
  name: 'Jordan Lee',
  title: 'Head of Sales',
  seniority: null,
  department: null,
  phone: null,
  country: 'US',
  source: 'webinar',
  ownerId: null,
  accountId: '00000000-0000-4000-8000-0000000000aa',
  company: 'Acme',
  custom: {},
  stage: 'mql',
  stageChangedAt: '2026-11-01T10:00:00.000Z',
  disqualificationReason: null,
  fit: 60,
  engagement: 20,
  heat: 'warm',
  lastActivityAt: null,
  firstHandRaiseAt: null,
  firstContactedAt: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  ...over,
});

const OWNERS: Record<string, string> = { 'u-1': 'Ola Nowak', 'u-2': 'Sam Reed' };
const names = { owner: (id: string | null) => (id ? (OWNERS[id] ?? 'Unknown') : 'Unassigned') };

describe('duplicate evidence', () => {
  it('keeps the server order (the starting point first) and signs the points with a true minus', () => {
    const lines = reasonLines([
      { signal: 'base', match: null, points: -5, text: 'Two leads start as different people' },
      { signal: 'company', match: 'same', points: 3.04, text: 'Same company email domain acme.example' },
      { signal: 'first_name', match: 'same', points: 4, text: 'Same first name Jordan' },
      { signal: 'phone', match: 'different', points: -1.25, text: 'Different phone lines' },
    ]);
    expect(lines.map((l) => `${l.points} ${l.text}`)).toEqual([
      '−5 Two leads start as different people',
      '+3 Same company email domain acme.example',
      '+4 Same first name Jordan',
      '−1.3 Different phone lines',
    ]);
    expect(lines.map((l) => l.tone)).toEqual(['against', 'for', 'for', 'against']);
    expect(scorePercent(0.934)).toBe('93%');
  });
});

describe('merge dialog', () => {
  const survivor = lead({ phone: null, ownerId: 'u-1', stage: 'mql' });
  const duplicate = lead({
    id: '00000000-0000-4000-8000-000000000002',
    email: 'jlee@acme.example',
    phone: '+1 555 0100',
    title: 'VP Sales',
    ownerId: 'u-2',
    stage: 'sql',
  });

  it('defaults each field as the server would: the survivor unless empty there, the further stage', () => {
    const rows = mergeRows(survivor, duplicate, names);
    const byField = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(byField.phone).toMatchObject({
      survivor: '—',
      duplicate: '+1 555 0100',
      defaultSide: 'duplicate',
    });
    expect(byField.title).toMatchObject({
      survivor: 'Head of Sales',
      defaultSide: 'survivor',
      differs: true,
    });
    expect(byField.ownerId).toMatchObject({ survivor: 'Ola Nowak', duplicate: 'Sam Reed' });
    expect(byField.stage).toMatchObject({ survivor: 'Marketing-qualified (MQL)', defaultSide: 'duplicate' });
    expect(byField.country!.differs).toBe(false);
    expect(rows.some((r) => r.field === 'custom')).toBe(false);
    expect(resultingStage(survivor, duplicate, rows, {})).toBe('sql');
  });

  it('sends only the choices that differ from the defaults, and the stage follows a stage choice', () => {
    const rows = mergeRows(survivor, duplicate, names);
    const picks = {
      phone: 'duplicate',
      title: 'duplicate',
      stage: 'survivor',
      country: 'duplicate',
    } as const;
    expect(choicesToSend(rows, picks)).toEqual({ title: 'duplicate', stage: 'survivor' });
    expect(resultingStage(survivor, duplicate, rows, picks)).toBe('mql');
    expect(mergeRequest(duplicate.id, rows, {}, false)).toEqual({ duplicateId: duplicate.id });
    expect(mergeRequest(duplicate.id, rows, picks, true)).toEqual({
      duplicateId: duplicate.id,
      fields: { title: 'duplicate', stage: 'survivor' },
      force: true,
    });
  });

  it('leaves the server with the very fields the dialog shows, whatever the rep picks', () => {
    const side = fc.constantFrom<MergeSide | undefined>('survivor', 'duplicate', undefined);
    const maybe = fc.option(fc.constantFrom('a', 'b', ''), { nil: null });
    fc.assert(
      fc.property(
        maybe,
        maybe,
        maybe,
        fc.constantFrom(...STAGES),
        fc.constantFrom(...STAGES),
        fc.record({ title: side, phone: side, stage: side, source: side }),
        (t1, t2, p2, s1, s2, rawPicks) => {
          const a = lead({ title: t1, stage: s1 });
          const b = lead({ id: duplicate.id, title: t2, phone: p2, stage: s2 });
          const rows = mergeRows(a, b, names);
          const picks = Object.fromEntries(Object.entries(rawPicks).filter(([, v]) => v)) as Partial<
            Record<MergeField, MergeSide>
          >;
          // What the rep sees chosen per row (the pick, else the default) is what the server keeps.
          const server = mergeLeadFields(mergeableOf(a), mergeableOf(b), choicesToSend(rows, picks)).merged;
          return rows.every((row) => {
            const side = picks[row.field] ?? row.defaultSide;
            const expected = (side === 'duplicate' ? b : a)[row.field as keyof Lead];
            return JSON.stringify(server[row.field]) === JSON.stringify(expected);
          });
        },
      ),
    );
  });
});

describe('merge result', () => {
  it('names only what moved', () => {
    const none = { events: 0, transitions: 0, notes: 0, touches: 0, assessments: 0 };
    expect(movedText(none)).toBe('nothing besides its fields');
    expect(movedText({ ...none, notes: 1 })).toBe('1 note');
    expect(movedText({ ...none, events: 2, touches: 1 })).toBe('2 events and 1 touch');
  });

  it('says what moved, what changed and why, and the heat after the replay', () => {
    const lines = mergeResultLines(
      {
        merged: { id: '00000000-0000-4000-8000-000000000002', email: 'jlee@acme.example' },
        moved: { events: 3, transitions: 1, notes: 0, touches: 2, assessments: 1 },
        changes: [
          {
            field: 'phone',
            from: null,
            to: '+1 555 0100',
            why: 'empty on the survivor, taken from the duplicate',
          },
          { field: 'stage', from: 'mql', to: 'sql', why: 'the duplicate was further along (sql after mql)' },
          { field: 'ownerId', from: 'u-1', to: 'u-2', why: "the duplicate's value was chosen" },
        ],
        assessments: [{ framework: 'bant', takenFromDuplicate: ['budget', 'need'] }],
        engagement: { before: 12.2, after: 30.6 },
      },
      names,
    );
    expect(lines).toEqual([
      'Moved from jlee@acme.example: 3 events, 1 stage change, 2 touches and 1 assessment.',
      'Phone: — → +1 555 0100 (empty on the survivor, taken from the duplicate).',
      'Stage: Marketing-qualified (MQL) → Sales-qualified (SQL) (the duplicate was further along (sql after mql)).',
      "Owner: Ola Nowak → Sam Reed (the duplicate's value was chosen).",
      'BANT: budget, need taken from the duplicate.',
      "Engagement 12 → 31, replayed from both leads' events.",
    ]);
  });
});
