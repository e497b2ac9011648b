import type { QuestionCoaching, QuestionKind } from './signal-types';
import type { Sentence } from './text-segment';

const OPENERS =
  /^(?:what|what's|whats|how|how's|why|where|where's|when|when's|who|who's|whom|whose|which|tell|describe|walk|talk|explain|help me understand|in what way|to what extent)\b/i;
const AUXILIARIES =
  /^(?:is|are|am|was|were|do|does|did|have|has|had|can|could|will|would|shall|should|may|might|must|isn'?t|aren'?t|wasn'?t|don'?t|doesn'?t|didn'?t|haven'?t|hasn'?t|won'?t|wouldn'?t|can'?t|couldn'?t|shouldn'?t)\b/i;
/** "Could you walk me through..." is a yes/no form that invites a story: open. */
const INDIRECT_OPEN =
  /^(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|walk|talk|describe|explain|share|help me understand|give me (?:a sense|an idea|an overview)|take me through|paint)\b/i;
const ELLIPTICAL_CLOSED = /^(?:any|anyone|anybody|anything|anywhere|no|yes|right|correct|ok|okay)\b/i;
const TAG_QUESTION =
  /,\s*(?:right|correct|yes|no|isn'?t it|aren'?t you|don'?t you|do you|is that right|yeah)\s*\?$/i;
const DISCOURSE =
  /^(?:and|so|but|ok|okay|great|right|then|also|now|well|alright|sure|got it|perfect|cool|thanks|to start|first|finally|just curious)\b[,\s]*/i;

/** Drops what comes before the question proper: "Lena, what...", "And...", "If you solved it, what...". */
function questionCore(text: string): string {
  let core = text.trim();
  for (let i = 0; i < 4; i++) {
    const before = core;
    core = core.replace(DISCOURSE, '');
    // A vocative or a short lead-in before a comma: "Tomasz, what's the main thing..."
    const lead = /^([^,?]{1,30}),\s*(.+)$/.exec(core);
    if (
      lead?.[1] &&
      lead[2] &&
      lead[1].split(/\s+/).length <= 3 &&
      !AUXILIARIES.test(lead[1]) &&
      !OPENERS.test(lead[1])
    ) {
      core = lead[2];
    }
    // A condition before the question: "If you solved it, what would change?"
    const condition = /^(?:if|when|once|assuming|suppose|say)\b[^,]{0,80},\s*(.+)$/i.exec(core);
    if (condition?.[1] && OPENERS.test(condition[1])) core = condition[1];
    if (core === before) break;
  }
  return core;
}

export function classifyQuestion(text: string): { kind: QuestionKind; reason: string } {
  const core = questionCore(text);
  if (TAG_QUESTION.test(core))
    return { kind: 'closed', reason: 'a statement with a tag asking for agreement' };
  if (INDIRECT_OPEN.test(core) || IMPERATIVE_QUESTION.test(core))
    return { kind: 'open', reason: 'an invitation to explain ("can you walk me through")' };
  const opener = OPENERS.exec(core)?.[0];
  if (opener)
    return { kind: 'open', reason: `starts with "${opener.toLowerCase()}", inviting an explanation` };
  const auxiliary = AUXILIARIES.exec(core)?.[0];
  if (auxiliary)
    return { kind: 'closed', reason: `starts with "${auxiliary.toLowerCase()}", answerable with yes or no` };
  if (ELLIPTICAL_CLOSED.test(core)) return { kind: 'closed', reason: 'a short check that invites yes or no' };
  // "And the timing?" names a topic and lets the prospect talk.
  if (/^(?:the|your|our)\b/i.test(core) && core.split(/\s+/).length <= 5) {
    return { kind: 'open', reason: 'names a topic and leaves the answer open' };
  }
  return { kind: 'closed', reason: 'a statement turned into a question, asking to confirm' };
}

const SUGGESTIONS: { pattern: RegExp; suggestion: string }[] = [
  {
    pattern: /\b(?:budget|money|funds?|funding|invest\w*|afford|price|pricing|spend|cost)\b/i,
    suggestion: 'How are you thinking about the investment for this, and where would the money come from?',
  },
  {
    pattern:
      /\b(?:decide\w*|decision|sign\w*|approv\w*|the one|responsible|involved|say in|CFO|CEO|boss|manager)\b/i,
    suggestion: 'Who else will weigh in on this, and how have purchases like it been approved before?',
  },
  {
    pattern:
      /\b(?:when|timing|timeline|deadline|go live|by (?:january|february|march|april|may|june|july|august|september|october|november|december)|this (?:quarter|year|month)|priority|urgent|soon)\b/i,
    suggestion: 'What is driving the timing, and what happens if it slips?',
  },
  {
    pattern:
      /\b(?:comparing|compare|other vendors?|alternatives?|switch\w*|replac\w*|consider\w*|anyone else|looking at|use|using)\b/i,
    suggestion: 'What other options are you weighing, and how do they stack up so far?',
  },
  {
    pattern: /\b(?:problem|issue|pain|challenge|happy|working|quality|struggl\w*|help|bother\w*|fix)\b/i,
    suggestion: 'What is getting in the way today, and what does it cost you?',
  },
  {
    pattern: /\b(?:measure\w*|score|track\w*|data|report\w*|numbers?|metrics?)\b/i,
    suggestion: 'How do you measure that today, and what would you like to see instead?',
  },
  {
    pattern: /\b(?:demo|useful|sound|interest\w*|make sense|worth)\b/i,
    suggestion: 'What would you need to see to decide whether this is worth pursuing?',
  },
  {
    pattern: /\b(?:plan|monthly|annual|contract|seats?)\b/i,
    suggestion: 'What would the right setup look like for your team?',
  },
];

export function suggestOpenQuestion(text: string): string {
  return (
    SUGGESTIONS.find(({ pattern }) => pattern.test(text))?.suggestion ??
    'What can you tell me about how that works for you today?'
  );
}

/**
 * Every question the rep asked (in notes, every sentence ending in "?"), classified open or closed, with
 * an open rewording for the closed ones.
 */
const IMPERATIVE_QUESTION =
  /^(?:tell me|walk me through|talk me through|take me through|describe|help me understand|explain)\b/i;

export function coachQuestions(sentences: Sentence[]): QuestionCoaching[] {
  return sentences
    .filter(
      (sentence) =>
        sentence.speaker !== 'prospect' &&
        (/\?["'”’)]*$/.test(sentence.text) ||
          (sentence.speaker === 'rep' && IMPERATIVE_QUESTION.test(questionCore(sentence.text)))),
    )
    .map((sentence) => {
      const { kind, reason } = classifyQuestion(sentence.text.replace(/["'”’)]+$/, ''));
      return {
        text: sentence.text,
        span: sentence.span,
        kind,
        reason,
        ...(kind === 'closed' ? { suggestion: suggestOpenQuestion(sentence.text) } : {}),
        turn: sentence.turn,
      };
    });
}
