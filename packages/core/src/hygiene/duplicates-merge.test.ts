import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../stages/stages';
import { furtherStage, type MergeableLead, mergeCriteria, mergeLeadFields } from './duplicates-merge';

const base: MergeableLead = {
  email: 'jan@acme.pl',
  firstName: 'Jan',
  lastName: null,
  title: 'CTO',
  phone: null,
  country: 'PL',
  source: 'webinar',
  ownerId: null,
  accountId: 'acc-1',
  stage: 'lead',
  custom: { plan: 'pro' },
};

describe('mergeLeadFields', () => {
  it("keeps the survivor's values and fills only what it lacks, saying why for each change", () => {
    const duplicate: MergeableLead = {
      ...base,
      email: 'jan.kowalski@gmail.com',
      firstName: 'Janek',
      lastName: 'Kowalski',
      phone: '+48 600 100 200',
      title: 'Chief Technology Officer',
      custom: { plan: 'free', seats: 12 },
    };
    const { merged, changes } = mergeLeadFields(base, duplicate);
    expect(merged).toMatchObject({
      email: 'jan@acme.pl',
      firstName: 'Jan',
      lastName: 'Kowalski',
      title: 'CTO',
      phone: '+48 600 100 200',
      custom: { plan: 'pro', seats: 12 },
    });
    expect(changes.map((c) => c.field)).toEqual(['lastName', 'phone', 'custom']);
    expect(changes[0]).toMatchObject({
      from: null,
      to: 'Kowalski',
      why: 'empty on the survivor, taken from the duplicate',
    });
  });

  it('follows explicit choices, even for the email and even to an empty value', () => {
    const duplicate: MergeableLead = {
      ...base,
      email: 'jan.k@acme.pl',
      title: null,
      custom: { plan: 'free' },
    };
    const { merged, changes } = mergeLeadFields(base, duplicate, {
      email: 'duplicate',
      title: 'duplicate',
      custom: 'duplicate',
    });
    expect(merged).toMatchObject({ email: 'jan.k@acme.pl', title: null, custom: { plan: 'free' } });
    expect(changes.map((c) => [c.field, c.why])).toEqual([
      ['email', "the duplicate's value was chosen"],
      ['title', "the duplicate's value was chosen"],
      ['custom', "custom fields united, the duplicate's values chosen where both have one"],
    ]);
  });

  it('takes the further-along stage unless the stage is chosen', () => {
    const opportunity: MergeableLead = { ...base, stage: 'opportunity' };
    expect(mergeLeadFields(base, opportunity).merged.stage).toBe('opportunity');
    expect(mergeLeadFields(opportunity, base).merged.stage).toBe('opportunity');
    expect(mergeLeadFields(base, opportunity, { stage: 'survivor' }).merged.stage).toBe('lead');
  });

  it('changes nothing when the duplicate brings nothing new, and never changes its inputs', () => {
    const survivor = structuredClone(base);
    const duplicate = { ...base, email: 'other@acme.pl' };
    const { merged, changes } = mergeLeadFields(survivor, duplicate);
    expect(changes).toEqual([]);
    expect(merged).toEqual(base);
    expect(survivor).toEqual(base);
  });
});

describe('furtherStage', () => {
  it('prefers an active stage over a parked or lost one, and a customer over everything', () => {
    expect(furtherStage('disqualified', 'lead').stage).toBe('lead');
    expect(furtherStage('nurture', 'mql').stage).toBe('mql');
    expect(furtherStage('opportunity', 'customer').stage).toBe('customer');
    expect(furtherStage('sql', 'sal').stage).toBe('sql');
  });

  it('is a maximum: order of the two leads changes the winner only on ties, where the survivor stays', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STAGES), fc.constantFrom(...STAGES), (a, b) => {
        const ab = furtherStage(a, b).stage;
        const ba = furtherStage(b, a).stage;
        if (ab !== ba) {
          expect(ab).toBe(a);
          expect(ba).toBe(b);
        }
        expect(furtherStage(a, a).stage).toBe(a);
      }),
    );
  });
});

describe('mergeCriteria', () => {
  it("keeps what the survivor knows and takes the duplicate's answers where the survivor's are unknown", () => {
    const { criteria, taken } = mergeCriteria(
      { budget: { status: 'met', evidence: '50k' }, need: { status: 'unknown' } },
      {
        budget: { status: 'not_met', evidence: 'none' },
        need: { status: 'partial', evidence: 'slow reports' },
        timeline: { status: 'met', evidence: 'Q3' },
        authority: { status: 'unknown' },
      },
    );
    expect(criteria).toEqual({
      budget: { status: 'met', evidence: '50k' },
      need: { status: 'partial', evidence: 'slow reports' },
      timeline: { status: 'met', evidence: 'Q3' },
      authority: { status: 'unknown' },
    });
    expect(taken).toEqual(['need', 'timeline']);
  });
});
