import { analyzeConversation } from '@triage/core';
import { seededRandom } from './bench-random';
import type { Bench } from './bench-result';
import { grouped, median } from './bench-stats';

/** Sentences of the kind reps write and prospects say, mixed into notes of about 300 words. */
const PROSPECT_LINES = [
  'We have about $45k set aside for this, approved by our CFO last month.',
  'Our SDRs spend two hours a day copying form fills from the shared inbox into Salesforce.',
  'The VP Sales makes the final call, but procurement will want a security questionnaire first.',
  'We need it live before the end of Q2, when the new team starts.',
  'Honestly we kept putting it off because the ERP migration took all our bandwidth.',
  'Conversion from lead to opportunity is 8% and the goal is 12% by next year.',
  'No budget this year, maybe something in Q3 once the reforecast is done.',
  'We are also looking at two other vendors and the data team wants to build it in-house.',
  'If we miss the renewal date we lose the account, roughly €60k ARR each time.',
  'Legal will review the MSA and we need SOC 2 before anything is signed.',
  'I think the decision would probably sit with our COO, but I am not totally sure.',
  'Things mostly work, it would be nice to have better reports but it is not a big deal.',
];
const REP_LINES = [
  'What does your process look like today?',
  'Do you have budget for this?',
  'Who else is involved in the decision?',
  'When do you need this in place?',
  'How would you measure success?',
  'Is anyone else in the running?',
];

/** A deterministic set of notes and transcripts of about `words` words each. */
export function signalsWorkload(count: number, words: number, seed = 11): string[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, (_, index) => {
    const transcript = index % 2 === 0;
    const parts: string[] = [];
    let length = 0;
    while (length < words) {
      const line = transcript
        ? `Rep: ${pick(REP_LINES)}\nProspect: ${pick(PROSPECT_LINES)} ${pick(PROSPECT_LINES)}`
        : pick(PROSPECT_LINES);
      parts.push(line);
      length += line.split(/\s+/).length;
    }
    return parts.join(transcript ? '\n' : ' ');
  });
}

/** Conversation analyses per second on one core, for notes and transcripts of 300 words. */
export const benchSignals: Bench = async ({ quick }) => {
  const notes = signalsWorkload(quick ? 100 : 400, 300);
  const averageWords = notes.reduce((sum, note) => sum + note.split(/\s+/).length, 0) / notes.length;
  // Warm up the regular expressions and the JIT before measuring.
  for (const text of notes.slice(0, 20)) analyzeConversation({ text, referenceDate: '2026-11-22' });
  const rounds = quick ? 3 : 5;
  const rates: number[] = [];
  let evidence = 0;
  for (let round = 0; round < rounds; round++) {
    const began = performance.now();
    for (const text of notes)
      evidence += analyzeConversation({ text, referenceDate: '2026-11-22' }).evidence.length;
    rates.push(notes.length / ((performance.now() - began) / 1000));
  }
  if (evidence === 0)
    throw new Error('signals bench found no evidence: the workload or the analyzer is broken');
  const rate = median(rates);
  return [
    {
      name: 'conversation analysis (evidence, signals, questions) on 300-word notes',
      target: 'none',
      value: rate,
      unit: 'notes/s',
      goal: '>= 200 notes/s',
      meetsGoal: rate >= 200,
      detail: `median of ${rounds} rounds of ${grouped(notes.length)} notes and transcripts (${Math.round(averageWords)} words on average, range ${grouped(Math.min(...rates))}–${grouped(Math.max(...rates))}/s)`,
    },
  ];
};
