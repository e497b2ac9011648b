import type { AssessmentView, Lead } from '@triage/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

interface NoteResult {
  note: {
    id: string;
    text: string;
    analysis: { evidence: { concept: string; span: [number, number] }[]; questions: { kind: string }[] };
  };
  applied: { criteria: string[]; keptFromRep: string[] } | null;
  assessment: AssessmentView | null;
}

const TRANSCRIPT = `Rep: Do you have budget for this?
Prospect: Yes, the CFO approved 40k EUR for the rollout, and she signs anything over 25k.
Rep: What happens if the current process stays as it is?
Prospect: We keep losing deals because leads wait two days for a call. We need to go live before the end of next quarter.`;

describe.each(dbTargets())('call notes on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;
  let globex: TestTenant;
  let lead: Lead;

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
    globex = await t.tenant('Globex');
    lead = (await acme.call<Lead>('POST', '/v1/leads', { email: 'notes@litware.com' })).body;
  });
  afterAll(() => t.close());

  it('stores a transcript and returns evidence with spans into the text, and question coaching', async () => {
    const created = await acme.call<NoteResult>('POST', `/v1/leads/${lead.id}/notes`, {
      text: TRANSCRIPT,
      referenceDate: '2026-06-01',
      framework: 'bant',
    });
    expect(created.status).toBe(201);
    const { analysis } = created.body.note;
    const budget = analysis.evidence.find((e) => e.concept === 'budget');
    expect(budget).toBeDefined();
    expect(TRANSCRIPT.slice(budget!.span[0], budget!.span[1])).toContain('40k');
    expect(analysis.questions.map((q) => q.kind)).toEqual(['closed', 'open']);
    expect(created.body.applied).toBeNull();
    const list = await acme.call<{ items: { id: string }[] }>('GET', `/v1/leads/${lead.id}/notes`);
    expect(list.body.items.map((n) => n.id)).toEqual([created.body.note.id]);
  });

  it('applies extracted evidence without overwriting what the rep set by hand', async () => {
    await acme.call('PUT', `/v1/leads/${lead.id}/assessments/bant`, {
      criteria: { budget: { status: 'not_met', evidence: 'Rep: they told me budget is frozen' } },
    });
    const created = await acme.call<NoteResult>('POST', `/v1/leads/${lead.id}/notes`, {
      text: TRANSCRIPT,
      referenceDate: '2026-06-01',
      framework: 'bant',
      apply: true,
    });
    expect(created.body.applied?.keptFromRep).toContain('budget');
    expect(created.body.applied?.criteria).toEqual(expect.arrayContaining(['need', 'timeline']));
    const view = created.body.assessment!;
    const budget = view.criteria.find((c) => c.key === 'budget')!;
    expect(budget).toMatchObject({ status: 'not_met', source: 'rep' });
    const need = view.criteria.find((c) => c.key === 'need')!;
    expect(need.source).toBe('extracted');
    expect(need.confidence).toBeGreaterThan(0);
  });

  it('applies only the criteria the rep accepted', async () => {
    const other = (await acme.call<Lead>('POST', '/v1/leads', { email: 'accept@litware.com' })).body;
    const created = await acme.call<NoteResult>('POST', `/v1/leads/${other.id}/notes`, {
      text: TRANSCRIPT,
      referenceDate: '2026-06-01',
      framework: 'bant',
    });
    const applied = await acme.call<NoteResult>(
      'POST',
      `/v1/leads/${other.id}/notes/${created.body.note.id}/apply`,
      {
        criteria: ['timeline'],
      },
    );
    expect(applied.status).toBe(200);
    expect(applied.body.applied?.criteria).toEqual(['timeline']);
    const statuses = Object.fromEntries(applied.body.assessment!.criteria.map((c) => [c.key, c.status]));
    expect(statuses.budget).toBe('unknown');
    expect(statuses.timeline).not.toBe('unknown');
  });

  it("validates input and hides other tenants' leads and notes", async () => {
    const empty = await acme.call<{ issues: { pointer: string }[] }>('POST', `/v1/leads/${lead.id}/notes`, {
      text: '   ',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.issues[0]!.pointer).toBe('/text');
    const badDate = await acme.call<{ issues: { pointer: string }[] }>('POST', `/v1/leads/${lead.id}/notes`, {
      text: 'ok',
      referenceDate: '22/11/2026',
    });
    expect(badDate.body.issues[0]!.pointer).toBe('/referenceDate');
    expect(
      (await acme.call('POST', `/v1/leads/${lead.id}/notes`, { text: 'ok', framework: 'nosuch' })).status,
    ).toBe(400);
    expect((await globex.call('POST', `/v1/leads/${lead.id}/notes`, { text: 'hello' })).status).toBe(404);
    expect((await globex.call('GET', `/v1/leads/${lead.id}/notes`)).status).toBe(404);
  });
});
