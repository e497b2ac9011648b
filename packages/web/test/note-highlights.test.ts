import type { AssessmentView, ConversationAnalysisView } from '@triage/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysisMarks, highlightSegments, type Mark, noteSuggestions } from '../src/logic/note-highlights';

const TEXT = 'Rep: Do you have budget?\nAna: We set aside $40,000 for this, by March.';
const at = (needle: string): [number, number] => {
  const from = TEXT.indexOf(needle);
  return [from, from + needle.length];
};

function evidence(concept: string, sentence: string, focus: string, confidence: number) {
  return {
    concept,
    status: 'met' as const,
    text: sentence,
    span: at(sentence),
    focus: at(focus),
    confidence,
    reason: `mentions ${concept}`,
    speaker: 'prospect' as const,
    turn: 1,
  };
}

const SENTENCE = 'We set aside $40,000 for this, by March.';
const ANALYSIS: ConversationAnalysisView = {
  referenceDate: '2026-11-22',
  evidence: [],
  concepts: {},
  criteria: [
    {
      criterion: 'budget',
      label: 'Budget',
      status: 'met',
      evidence: [evidence('budget', SENTENCE, '$40,000', 0.9)],
      confidence: 0.9,
    },
    {
      criterion: 'timeline',
      label: 'Timeline',
      status: 'met',
      evidence: [
        evidence('timeline', SENTENCE, 'by March', 0.6),
        evidence('timeline', SENTENCE, 'March', 0.8),
      ],
      confidence: 0.8,
    },
    { criterion: 'need', label: 'Need', status: 'unknown', evidence: [], confidence: 0 },
  ],
  redFlags: [],
  goodSigns: [
    {
      kind: 'specificity',
      span: at(SENTENCE),
      text: SENTENCE,
      related: [],
      reason: 'numbers',
      confidence: 0.7,
    },
  ],
  questions: [
    {
      text: 'Do you have budget?',
      span: at('Do you have budget?'),
      kind: 'closed',
      reason: 'yes/no',
      turn: 0,
    },
  ],
  talkRatio: null,
  turns: [],
  roles: [],
};

const criterion = (key: string, status: string, source: 'rep' | 'extracted' | null) =>
  ({ key, status, source }) as unknown as AssessmentView['criteria'][number];

describe('note highlights', () => {
  it('marks the amount behind the budget and keeps every character of the note', () => {
    const segments = highlightSegments(TEXT, analysisMarks(ANALYSIS));
    expect(segments.map((s) => s.text).join('')).toBe(TEXT);
    const amount = segments.find((s) => s.marks.some((m) => m.criterion === 'budget'));
    expect(amount?.text).toBe('$40,000');
    // The amount also sits inside the good-sign sentence: both marks cover it.
    expect(amount?.marks.map((m) => m.kind).sort()).toEqual(['evidence', 'good_sign']);
    expect(segments.find((s) => s.text === 'Do you have budget?')?.marks[0]?.kind).toBe('question');
  });

  it('splits overlapping marks into flat runs and ignores spans outside the text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.array(fc.tuple(fc.integer({ min: -5, max: 70 }), fc.integer({ min: -5, max: 70 })), {
          maxLength: 8,
        }),
        (text, spans) => {
          const marks: Mark[] = spans.map(([a, b]) => ({ from: a, to: b, kind: 'evidence', label: 'x' }));
          const segments = highlightSegments(text, marks);
          expect(segments.map((s) => s.text).join('')).toBe(text);
          let offset = 0;
          for (const segment of segments) {
            const end = offset + segment.text.length;
            for (const mark of segment.marks) {
              expect(mark.from).toBeLessThanOrEqual(offset);
              expect(mark.to).toBeGreaterThanOrEqual(end);
            }
            offset = end;
          }
        },
      ),
    );
  });
});

describe('note suggestions', () => {
  it('offers one suggestion per criterion with evidence, quoting the strongest sentence', () => {
    const suggestions = noteSuggestions(ANALYSIS, undefined);
    expect(suggestions.map((s) => s.criterion)).toEqual(['budget', 'timeline']);
    expect(suggestions[1]).toMatchObject({
      sentence: SENTENCE,
      reason: 'mentions timeline',
      state: 'suggested',
    });
  });

  it('shows criteria a rep already set as kept, and accepted ones as applied', () => {
    const assessment = {
      criteria: [criterion('budget', 'not_met', 'rep'), criterion('timeline', 'met', 'extracted')],
    } as unknown as AssessmentView;
    expect(noteSuggestions(ANALYSIS, assessment).map((s) => s.state)).toEqual([
      'kept_by_rep',
      'already_applied',
    ]);
    const unknownByRep = { criteria: [criterion('budget', 'unknown', 'rep')] } as unknown as AssessmentView;
    expect(noteSuggestions(ANALYSIS, unknownByRep)[0]?.state).toBe('suggested');
  });
});
