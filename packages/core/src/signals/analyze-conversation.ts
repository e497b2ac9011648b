import { detectGoodSigns, detectRedFlags } from './answer-signals';
import { parseIsoDay } from './calendar-math';
import { summarizeConcepts } from './concept-aggregate';
import { readSentence, type SentenceFacts, sentenceEvidence } from './concept-evidence';
import { mapEvidenceToCriteria } from './criteria-map';
import { coachQuestions } from './question-coach';
import type {
  ConversationAnalysis,
  ConversationInput,
  EvidenceItem,
  RoleMentioned,
  TalkRatio,
  Turn,
} from './signal-types';
import { parseTurns, type Sentence, segmentConversation } from './text-segment';

function talkRatio(turns: Turn[]): TalkRatio | null {
  const repWords = turns.filter((turn) => turn.role === 'rep').reduce((sum, turn) => sum + turn.words, 0);
  const prospectWords = turns
    .filter((turn) => turn.role === 'prospect')
    .reduce((sum, turn) => sum + turn.words, 0);
  const total = repWords + prospectWords;
  if (repWords === 0 || prospectWords === 0) return null;
  const rep = Math.round((repWords / total) * 100) / 100;
  return { rep, prospect: Math.round((1 - rep) * 100) / 100, repWords, prospectWords };
}

/**
 * Roles the prospect or the notes named, plus those the prospect confirmed in answer to the rep
 * ("Is the CFO involved?" "Yes, she signs.").
 */
function rolesMentioned(facts: SentenceFacts[], evidence: EvidenceItem[]): RoleMentioned[] {
  const named: RoleMentioned[] = facts
    .filter((fact) => fact.sentence.speaker !== 'rep')
    .flatMap((fact) =>
      fact.roles.map((role) => ({
        role: role.role,
        span: [fact.sentence.span[0] + role.start, fact.sentence.span[0] + role.end] as const,
      })),
    );
  for (const item of evidence) {
    if (item.value?.kind !== 'person' || item.value.role === null) continue;
    const role = item.value.role;
    if (!named.some((mention) => mention.role === role)) named.push({ role, span: item.focus });
  }
  return named;
}

/** For each sentence that opens a prospect's reply, the rep question just before it. */
function questionsAnswered(sentences: Sentence[]): (string | null)[] {
  return sentences.map((sentence, index) => {
    const previous = sentences[index - 1];
    if (sentence.speaker !== 'prospect' || !previous || previous.turn === sentence.turn) return null;
    if (previous.speaker !== 'rep' || !/\?["'”’)]*$|^(?:tell|walk|talk|describe)\b/i.test(previous.text))
      return null;
    return previous.text;
  });
}

/**
 * Reads call notes or a transcript and returns the qualification evidence in it, the warning signs and
 * good signs in how the prospect answered, and coaching on the rep's questions. Pure and deterministic:
 * relative dates resolve against `input.referenceDate`, never against the clock.
 */
export function analyzeConversation(input: ConversationInput): ConversationAnalysis {
  const ref = parseIsoDay(input.referenceDate);
  const turns = parseTurns(input.text, input.speakerMap);
  const sentences = segmentConversation(input.text, turns);
  const questions = questionsAnswered(sentences);
  const facts: SentenceFacts[] = sentences.map((sentence, index) =>
    readSentence(sentence, ref, questions[index] ?? null),
  );
  const evidence = facts
    .flatMap(sentenceEvidence)
    .sort((a, b) => a.span[0] - b.span[0] || a.focus[0] - b.focus[0]);
  const signalInput = { text: input.text, referenceDate: input.referenceDate, facts, turns, evidence };

  return {
    referenceDate: input.referenceDate,
    evidence,
    concepts: summarizeConcepts(evidence),
    ...(input.framework ? { criteria: mapEvidenceToCriteria(evidence, input.framework) } : {}),
    redFlags: detectRedFlags(signalInput),
    goodSigns: detectGoodSigns(signalInput),
    questions: coachQuestions(sentences),
    talkRatio: talkRatio(turns),
    turns,
    roles: rolesMentioned(facts, evidence),
  };
}
