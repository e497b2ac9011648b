import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANT, MEDDIC } from '../frameworks';
import type { FrameworkDefinition } from '../frameworks/framework-types';
import { analyzeConversation } from './analyze-conversation';
import { evidenceToAssessment } from './criteria-map';

const analyze = (text: string, referenceDate = '2026-11-22', extra: object = {}) =>
  analyzeConversation({ text, referenceDate, ...extra });

describe('analyzeConversation: evidence', () => {
  it('reads "no budget until next year" as budget not met, with a timeline', () => {
    const analysis = analyze(
      'We have no budget until next year, but the need is there: reps re-key every order.',
    );
    expect(analysis.concepts.budget.status).toBe('not_met');
    expect(analysis.concepts.timeline.status).toBe('met');
    expect(analysis.concepts.need.status).toBe('met');
    const timeline = analysis.evidence.find((item) => item.concept === 'timeline');
    expect(timeline?.value).toEqual({
      kind: 'date_range',
      start: '2027-01-01',
      end: '2027-12-31',
      precision: 'year',
    });
  });

  it('normalises the amount and the decider, and makes hedged statements partial', () => {
    const firm = analyze('Budget is $50k, approved. The CFO signs off.');
    expect(firm.concepts.budget.status).toBe('met');
    expect(firm.evidence.find((item) => item.concept === 'budget')?.value).toMatchObject({
      min: 50000,
      currency: 'USD',
    });
    expect(firm.evidence.find((item) => item.concept === 'economic_buyer')?.value).toEqual({
      kind: 'person',
      role: 'CFO',
      self: false,
    });
    const hedged = analyze(
      'Maybe around £10k, she would need to check. Possibly the finance director signs.',
    );
    expect(hedged.concepts.budget.status).toBe('partial');
    expect(hedged.concepts.authority.status).toBe('partial');
  });

  it('does not read a signing limit, revenue or a loss as a budget', () => {
    const analysis = analyze('I approve anything under €25k. We lost €60k ARR last year.');
    expect(analysis.evidence.filter((item) => item.concept === 'budget')).toEqual([]);
    expect(analysis.concepts.authority.status).toBe('met');
  });

  it('reads a bare answer against the question it answers', () => {
    const analysis = analyze(
      'Rep: Any pain points?\nProspect: No.\nRep: Who decides on this?\nProspect: Not me.',
    );
    expect(analysis.concepts.need.status).toBe('not_met');
    expect(analysis.concepts.authority.status).toBe('not_met');
  });

  it('takes evidence from the prospect only, not from what the rep says', () => {
    const analysis = analyze('Rep: Is budget set aside, say $40k, by Q3?\nProspect: Hard to tell.');
    expect(analysis.evidence.filter((item) => item.concept === 'budget' && item.value)).toEqual([]);
    expect(analysis.concepts.timeline.status).not.toBe('met');
  });

  it('gives spans that point at the exact text, for highlighting', () => {
    const notes = [
      'Budget: $120k–$150k per year, already approved by the CFO.',
      'Rep: When do you need it?\nProspect: Before the end of Q1, it is urgent. I sign.',
      'They have no budget. Reps waste hours in spreadsheets.',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...notes), fc.string({ maxLength: 20 }), (note, prefix) => {
        const text = `${prefix.replace(/[:\n?]/g, ' ')}\n${note}`;
        const analysis = analyzeConversation({ text, referenceDate: '2026-11-22' });
        for (const item of analysis.evidence) {
          expect(text.slice(item.span[0], item.span[1])).toBe(item.text);
          expect(item.focus[0]).toBeGreaterThanOrEqual(item.span[0]);
          expect(item.focus[1]).toBeLessThanOrEqual(item.span[1]);
          expect(item.confidence).toBeGreaterThan(0);
          expect(item.confidence).toBeLessThanOrEqual(1);
        }
        for (const question of analysis.questions) expect(text.slice(...question.span)).toBe(question.text);
      }),
    );
  });

  it('is deterministic: the same input gives the same analysis', () => {
    const text = 'Rep: What is the budget?\nProspect: About 30 grand, by end of Q2.';
    expect(analyze(text)).toEqual(analyze(text));
  });
});

describe('analyzeConversation: transcripts', () => {
  const transcript = `Priya: How are leads routed today?
Tom: By hand, from a shared inbox into a spreadsheet, and hot leads wait a day.
Priya: Do you have budget?
Tom: Yes.`;

  it('uses the speaker map, and computes the talk ratio', () => {
    const analysis = analyze(transcript, '2026-11-22', { speakerMap: { priya: 'rep', Tom: 'prospect' } });
    expect(analysis.turns.map((turn) => turn.role)).toEqual(['rep', 'prospect', 'rep', 'prospect']);
    expect(analysis.talkRatio?.rep).toBeCloseTo(
      analysis.talkRatio
        ? analysis.talkRatio.repWords / (analysis.talkRatio.repWords + analysis.talkRatio.prospectWords)
        : 0,
      2,
    );
    expect(analysis.talkRatio && analysis.talkRatio.rep + analysis.talkRatio.prospect).toBeCloseTo(1, 5);
    expect(analysis.questions.map((q) => q.kind)).toEqual(['open', 'closed']);
    expect(analysis.questions[1]?.suggestion).toBeDefined();
  });

  it('takes the one who asks the questions for the rep when nobody says', () => {
    const analysis = analyze(transcript);
    expect(analysis.turns[0]?.role).toBe('rep');
    expect(analysis.turns[1]?.role).toBe('prospect');
  });

  it('treats notes with headings as notes, not as a transcript', () => {
    const analysis = analyze('Budget: 50k approved.\nTimeline: Q2.\nNeed: routing is manual.');
    expect(analysis.turns).toEqual([]);
    expect(analysis.talkRatio).toBeNull();
  });
});

describe('analyzeConversation: signals', () => {
  it('flags short answers, two budgets, a changed decider and an unrealistic target', () => {
    const short = analyze(
      'Rep: How is it going?\nProspect: Fine.\nRep: Any issues?\nProspect: No.\nRep: Timeline?\nProspect: None.',
    );
    expect(short.redFlags.map((flag) => flag.kind)).toContain('short_answers');

    const changed = analyze(
      'Rep: Who decides?\nProspect: I do. It is my budget, about $40k.\nRep: Anything else?\nProspect: The budget is closer to $75k, and my boss decides on anything that size.',
    );
    const contradictions = changed.redFlags.filter((flag) => flag.kind === 'contradiction');
    expect(contradictions.length).toBe(2);
    expect(contradictions.every((flag) => flag.related.length === 1)).toBe(true);

    const wild = analyze('They want to quadruple revenue in two weeks.');
    expect(wild.redFlags.map((flag) => flag.kind)).toEqual(['unrealistic_target']);
    const sane = analyze('They want 25% more pipeline next year.');
    expect(sane.redFlags).toEqual([]);
  });

  it('sees excuses for past inaction and specific answers as good signs', () => {
    const analysis = analyze(
      'Rep: Why has it not been fixed?\nProspect: We kept putting it off during the ERP migration. Reps lose five hours a week each on 2,000 duplicate records in Salesforce.',
    );
    const kinds = analysis.goodSigns.map((sign) => sign.kind);
    expect(kinds).toContain('excuse');
    expect(kinds).toContain('specificity');
  });
});

describe('criteria mapping', () => {
  const note =
    'Budget: $50k approved. The CFO signs. Pain: lead routing is manual and slow. Go-live by end of Q3. Also evaluating Clari.';

  it('maps concept evidence onto BANT and MEDDIC criteria', () => {
    const bant = analyzeConversation({ text: note, referenceDate: '2026-11-22', framework: BANT });
    const status = Object.fromEntries((bant.criteria ?? []).map((c) => [c.criterion, c.status]));
    expect(Object.values(status).filter((s) => s === 'met')).toHaveLength(4);
    const meddic = analyzeConversation({ text: note, referenceDate: '2026-11-22', framework: MEDDIC });
    const economic = meddic.criteria?.find((c) => c.criterion === 'economic_buyer');
    expect(economic?.status).toBe('met');
    expect(economic?.evidence.some((item) => item.text.includes('CFO'))).toBe(true);
  });

  it('builds an extracted assessment that leaves criteria without evidence out', () => {
    const framework: FrameworkDefinition = {
      key: 'tiny',
      version: 1,
      name: 'Tiny',
      description: 'Two criteria for a test.',
      passRule: { kind: 'all' },
      criteria: [
        {
          key: 'money',
          label: 'Money',
          description: 'd',
          level: 'opportunity',
          weight: 1,
          questions: ['a', 'b', 'c'],
          concepts: ['budget'],
        },
        {
          key: 'rivals',
          label: 'Rivals',
          description: 'd',
          level: 'opportunity',
          weight: 1,
          questions: ['a', 'b', 'c'],
          concepts: ['paper_process'],
        },
      ],
    };
    const analysis = analyzeConversation({
      text: 'We have no budget this year.',
      referenceDate: '2026-11-22',
    });
    const assessment = evidenceToAssessment(analysis, framework);
    expect(Object.keys(assessment)).toEqual(['money']);
    expect(assessment.money).toMatchObject({
      status: 'not_met',
      source: 'extracted',
      evidence: 'We have no budget this year.',
    });
  });
});
