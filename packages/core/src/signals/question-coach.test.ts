import { describe, expect, it } from 'vitest';
import { classifyQuestion, suggestOpenQuestion } from './question-coach';

describe('classifyQuestion', () => {
  it.each([
    'What prompted you to take this call?',
    'How are leads routed to your reps today?',
    'Lena, what does a typical week look like?',
    'If you solved it, what would change?',
    'Could you walk me through what happens after a form fill?',
    'And the timing?',
    'Tell me about your team.',
    'To start, what is on your plate this quarter?',
  ])('open: %s', (question) => {
    expect(classifyQuestion(question).kind).toBe('open');
  });

  it.each([
    'Do you have budget for this?',
    'Is this a priority right now?',
    'Would you prefer a monthly or an annual plan?',
    "You're using HubSpot, right?",
    "So there's a delay of up to a day?",
    'Any pain points?',
    'And are you the one who would approve the purchase?',
  ])('closed: %s', (question) => {
    expect(classifyQuestion(question).kind).toBe('closed');
  });
});

describe('suggestOpenQuestion', () => {
  it('rewords a closed question about its topic as an open one', () => {
    expect(suggestOpenQuestion('Do you have budget for this?')).toMatch(/^How .*investment/);
    expect(suggestOpenQuestion('Is the CFO involved?')).toMatch(/^Who else/);
    expect(suggestOpenQuestion('Can you go live by July?')).toMatch(/timing/);
    expect(suggestOpenQuestion('Is the weather nice?')).toMatch(/^What /);
  });
});
