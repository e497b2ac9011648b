/**
 * Negation, hedging and tense cues, shared by every concept rule. They look at one clause, so "no budget,
 * but a clear need" negates the budget and not the need.
 */

/** Doubt markers: "maybe", "probably", "not sure", "hopes to", "depends". */
const HEDGE =
  /\b(?:maybe|might|perhaps|probably|possibly|hopefully|hopes?|hoping|not (?:totally |entirely |completely )?(?:sure|certain)|(?:wasn'?t|isn'?t|aren'?t) sure|unsure|i think|i guess|i believe|could|would need to|need to check|have to check|(?:it )?depends(?: on)?|tbd|to be (?:confirmed|determined|agreed)|unclear|vague|sometime|some time|eventually|tentative(?:ly)?|in theory|not (?:yet )?confirmed|isn'?t confirmed|pending|if all goes well|or so)\b/i;

/** A negator among the three words before a cue: "no budget", "don't really have challenges". */
const NEGATOR =
  /\b(?:no|not|never|none|without|zero|nothing|nobody|neither|nor|lack(?:s|ing)?|isn'?t|aren'?t|wasn'?t|weren'?t|don'?t|doesn'?t|didn'?t|haven'?t|hasn'?t|won'?t|can'?t|cannot|couldn'?t|wouldn'?t)\b/i;
/** "not sure" and "no idea" are doubt, not negation. */
const NOT_A_NEGATION =
  /\b(?:not (?:totally |entirely |completely )?(?:sure|certain)|no idea|no doubt|not only)\b/gi;

/** Past-tense clauses ("we hired an agency in the autumn") do not set a future timeline. */
const PAST =
  /\b(?:ago|last (?:year|quarter|month|week|spring|summer|autumn|fall|winter)|previously|used to|had been|have been|has been|'ve been|'d been)\b|\b(?:we|they|he|she|i|it|who|which)\s+(?:\w+ly\s+)?(?:was|were|had|did|left|went|took|made|got|bought|began|came|lost|spent|sent|ran|saw|won|paid|hired|tried|looked|moved|switched|signed|launched|started|decided|understood|used|built)\b/i;

export function isHedged(clause: string): boolean {
  return HEDGE.test(clause);
}

/**
 * Whether the words just before `offset` in `clause` negate what follows (within about five words).
 */
export function isNegatedBefore(clause: string, offset: number): boolean {
  const before = clause.slice(0, offset).replace(NOT_A_NEGATION, ' ');
  const lastWords = (before.match(/[\w'’]+/g) ?? []).slice(-3).join(' ');
  return NEGATOR.test(lastWords);
}

export function isPastClause(clause: string): boolean {
  return PAST.test(clause);
}

/** Short answers that say yes / no / maybe to the question before them. */
export const ANSWER_YES =
  /^(?:yes|yeah|yep|yup|we do|i do|sure|absolutely|definitely|correct|indeed|very much|of course)\b/i;
export const ANSWER_NO = /^(?:no|nope|not really|not at all|none|nothing|zero|nah|never)\b(?!\s+idea)/i;
export const ANSWER_MAYBE =
  /^(?:maybe|possibly|perhaps|probably|depends|it depends|not sure|hard to say|might)\b/i;
export const ANSWER_DONT_KNOW = /^(?:no idea|don'?t know|not sure|i'?m not sure|dunno|no clue)\b/i;
