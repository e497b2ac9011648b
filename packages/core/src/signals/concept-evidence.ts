import type { Concept } from '../frameworks/concepts';
import type { Day } from './calendar-math';
import { CUE_RULES, HEDGE_SENSITIVE, QUESTION_TOPICS } from './concept-rules';
import {
  ANSWER_DONT_KNOW,
  ANSWER_MAYBE,
  ANSWER_NO,
  ANSWER_YES,
  isHedged,
  isNegatedBefore,
  isPastClause,
} from './cue-lexicon';
import { type DateMention, findDateMentions } from './date-resolve';
import { findMoneyMentions, type MoneyMention } from './money-extract';
import { findRoleMentions, type RoleMention } from './role-extract';
import type { EvidenceItem, EvidenceStatus, NormalizedValue } from './signal-types';
import { type Clause, clauseAt, type Sentence, splitClauses } from './text-segment';

/** What the analyzer knows about one sentence while reading it. */
export interface SentenceFacts {
  sentence: Sentence;
  clauses: Clause[];
  money: MoneyMention[];
  dates: DateMention[];
  roles: RoleMention[];
  /** The rep's question this sentence answers, when it opens the prospect's reply. */
  question: string | null;
  /** Roles named in that question ("Is the CFO involved?"), for "she signs". */
  questionRoles: RoleMention[];
}

export function readSentence(sentence: Sentence, ref: Day, question: string | null): SentenceFacts {
  return {
    sentence,
    clauses: splitClauses(sentence.text),
    money: findMoneyMentions(sentence.text),
    dates: findDateMentions(sentence.text, ref),
    roles: findRoleMentions(sentence.text),
    question,
    questionRoles: question ? findRoleMentions(question) : [],
  };
}

type Draft = Omit<EvidenceItem, 'text' | 'span' | 'focus' | 'speaker' | 'turn'> & {
  focus: [number, number];
  /** Set by rules that state a status outright ("no budget"), as opposed to a status read from context. */
  explicit: boolean;
};

const clauseText = (facts: SentenceFacts, offset: number): { text: string; start: number } => {
  const clause = clauseAt(facts.clauses, offset);
  return { text: facts.sentence.text.slice(clause.start, clause.end), start: clause.start };
};

/** "wasn't sure what the targets were": what follows is not known, so it is not evidence. */
const IGNORANCE =
  /\b(?:(?:didn'?t|doesn'?t|don'?t|did not|does not|do not) know|(?:wasn'?t|isn'?t|not) sure (?:what|who|how|which|when|whether)|no idea)\b/i;

/** "When pushed on problems, he said..." reports the rep's question, not the prospect's answer. */
const REPORTING_CLAUSE = /^\s*(?:when (?:pushed|asked|probed)|asked (?:about|whether|if))\b/i;

function statusFromContext(
  concept: Concept,
  facts: SentenceFacts,
  offset: number,
): { status: EvidenceStatus; hedged: boolean } | null {
  const clause = clauseText(facts, offset);
  const hedged = isHedged(clause.text);
  if (isNegatedBefore(clause.text, offset - clause.start)) {
    return HEDGE_SENSITIVE.has(concept) ? { status: 'not_met', hedged } : null;
  }
  return { status: hedged && HEDGE_SENSITIVE.has(concept) ? 'partial' : 'met', hedged };
}

function cueEvidence(facts: SentenceFacts): Draft[] {
  const drafts: Draft[] = [];
  const text = facts.sentence.text;
  for (const rule of CUE_RULES) {
    rule.pattern.lastIndex = 0;
    for (let match = rule.pattern.exec(text); match; match = rule.pattern.exec(text)) {
      if (match[0].length === 0) {
        rule.pattern.lastIndex++;
        continue;
      }
      if (rule.nameGroup) {
        const name = match[1] ?? '';
        if (!/^[A-Z0-9]/.test(name) || /^(?:I|The|A|An|It|We|They|Our|Their|This|That)$/.test(name)) continue;
      }
      const clause = clauseText(facts, match.index);
      if (REPORTING_CLAUSE.test(clause.text)) continue;
      if (IGNORANCE.test(clause.text) && rule.status === 'met') continue;
      let status: EvidenceStatus;
      let hedged = isHedged(clause.text);
      if (rule.status === 'auto') {
        const read = statusFromContext(rule.concept, facts, match.index);
        if (!read) continue;
        status = read.status;
        hedged = read.hedged;
      } else {
        status = rule.status;
      }
      drafts.push({
        concept: rule.concept,
        status,
        focus: [match.index, match.index + match[0].length],
        confidence: round(rule.confidence * (hedged ? 0.85 : 1)),
        reason: rule.reason,
        explicit: rule.status !== 'auto',
      });
    }
  }
  return drafts;
}

const THRESHOLD_BEFORE =
  /(?:anything|purchases?|spend|deals?|tools|contracts?|items?)?\s*\(?\s*(?:over|above|under|below|up to|more than|less than|exceeding|beyond)\s*$/i;
const AUTHORITY_WORDS = /\b(?:sign\w*|approv\w*|decid\w*|authority|go(?:es)? to|final say|countersign)\b/i;
const NOT_BUDGET_CONTEXT =
  /\b(?:revenue|arr|mrr|turnover|valuation|raised|sales of|lost|losing|lose|loses|cost(?:s|ing)? (?:us|them)|wasting|wasted|(?:a|the) fines?|fined|penalt(?:y|ies)|per lead|cost per|cpl|kpi|target|salar(?:y|ies)|auto-?renew|renew(?:al)?|deal size|acv|ltv|cac)\b/i;
const SPEND_NOW = /\b(?:spend|spends|spending|spent)\b/i;
const SPEND_WILLING =
  /\b(?:won'?t|will not|willing to|can|could|able to|prepared to|happy to|to|would)\s+spend\b|\bbudget\w*|set aside|earmarked|allocated|approved|ring-?fenced\b/i;
const BUDGET_CUE =
  /\b(?:budget\w*|set aside|earmarked|ring-?fenced|allocated|approved|funds?|funding|money|invest\w*|spend|pay|afford|ceiling|cap|have|has|got|signed off|opex|capex)\b/i;

/** Amounts: a budget unless they are a signing limit, revenue, a loss, a price today or a metric. */
function budgetEvidence(facts: SentenceFacts, budgetQuestion: boolean): Draft[] {
  const drafts: Draft[] = [];
  const text = facts.sentence.text;
  for (const money of facts.money) {
    const before = text.slice(Math.max(0, money.start - 30), money.start);
    if (THRESHOLD_BEFORE.test(before) && AUTHORITY_WORDS.test(text)) continue;
    const clause = clauseText(facts, money.start);
    const near = text.slice(Math.max(0, money.start - 40), Math.min(text.length, money.end + 25));
    if (NOT_BUDGET_CONTEXT.test(clause.text) || NOT_BUDGET_CONTEXT.test(near)) continue;
    if (SPEND_NOW.test(clause.text) && !SPEND_WILLING.test(clause.text)) continue;
    const hedged = isHedged(clause.text);
    const cue = BUDGET_CUE.test(text) || budgetQuestion;
    drafts.push({
      concept: 'budget',
      status: hedged ? 'partial' : 'met',
      focus: [money.start, money.end],
      value: money.value,
      confidence: round((cue ? 0.9 : 0.6) * (hedged ? 0.85 : 1)),
      reason: hedged ? 'an amount, but with doubt about it' : 'states an amount to spend',
      explicit: false,
    });
  }
  return drafts;
}

function timelineEvidence(facts: SentenceFacts): Draft[] {
  const drafts: Draft[] = [];
  for (const date of facts.dates) {
    const clause = clauseText(facts, date.start);
    if (isPastClause(clause.text)) continue;
    if (IGNORANCE.test(clause.text)) continue;
    const hedged = isHedged(clause.text);
    drafts.push({
      concept: 'timeline',
      status: hedged ? 'partial' : 'met',
      focus: [date.start, date.end],
      value: date.value,
      confidence: round((date.deadline ? 0.85 : 0.7) * (hedged ? 0.85 : 1)),
      reason: hedged
        ? `a tentative date: ${date.phrase} (${date.value.start} to ${date.value.end})`
        : `${date.deadline ? 'a deadline' : 'a date'}: ${date.phrase} (${date.value.start} to ${date.value.end})`,
      explicit: false,
    });
  }
  return drafts;
}

const DECIDER =
  /\b(?:decides?|deciding|decision[- ]makers?|makes? (?:all |the )?(?:final )?(?:purchasing )?(?:call|decisions?)|(?:final|last) (?:say|call|word|decision|approval|sign-?off)|signs?(?! up)(?: off)?|signing|sign-off|signature|countersign\w*|approves?|approved by|approval|(?:owns?|holds?|controls?|manages?) (?:the |a |an |our |their )?(?:[\w€$£¥₹.,]+ ){0,3}?budget(?! owner)|holds? the purse strings|owns (?:it|the decision)|casting vote|purchasing decisions|(?:decision|approval) (?:\w+ ){0,2}(?:sits?|lies|rests) with|decision (?:is |was )?(?:made )?by|decision is (?:his|hers|mine|theirs)|go(?:es)? to (?:the |our |their )?(?=[A-Z])|needs? to agree|agreed)\b/gi;
const ECONOMIC =
  /sign|approv|budget|purse|purchas|spend|final say|final approval|owns it|agree|countersign|go(?:es)? to/i;
const FUNCTION_ROLES = new Set(['Legal', 'Procurement', 'Security', 'IT', 'Finance']);
const COLLECTIVE_ROLES = new Set(['Board', 'Committee']);
const SELF_NEAR = /\b(?:I|I'm|I've|me|myself|my)\b/;
const SELF_THIRD_PERSON =
  /\b(?:she|he)\s+(?:\w+\s+){0,2}?(?:decides|signs|approves|can approve|has sign-off|controls|owns|makes)\b|\b(?:his|her|hers)\s+alone\b|\bdecision is (?:his|hers)\b|\b(?:herself|himself)\b/i;
const CONSULT =
  /\b(?:run (?:it|this) (?:by|past)|check with|loop (?:in|into)|bring in|involve[sd]?|weigh(?:s)? in|input from|(?:has|have) a say|buy-in|want(?:s)? to see it|to see it too|votes?)\b/gi;
const NO_AUTHORITY =
  /\b(?:no (?:purchasing |buying |signing |budget )?authority|not (?:my|his|her|our) (?:decision|call)|(?:doesn'?t|don'?t|didn'?t) know who|not sure who|no idea who|couldn'?t (?:say|name|tell) (?:who|anyone)|would(?:n'?t| not) say who|won'?t say who|(?:nobody|no one) owns (?:the )?(?:budget|decision|it|this|lead management|purchasing)|no owner|(?:don'?t|doesn'?t) have a budget owner|has no say)\b/gi;
const AUTHORITY_HEADING = /^(?:authority|decision[- ]makers?|dm|economic buyer|buying group)\s*:/i;

function nearestRole(facts: SentenceFacts, offset: number, clause: { start: number; text: string }) {
  const candidates = facts.roles.filter((role) => !FUNCTION_ROLES.has(role.role));
  const inClause = candidates.filter(
    (role) => role.start >= clause.start && role.end <= clause.start + clause.text.length,
  );
  const pool = inClause.length > 0 ? inClause : candidates;
  return pool.reduce<RoleMention | null>(
    (best, role) => (!best || Math.abs(role.start - offset) < Math.abs(best.start - offset) ? role : best),
    null,
  );
}

function authorityEvidence(facts: SentenceFacts): Draft[] {
  const drafts: Draft[] = [];
  const text = facts.sentence.text;
  const push = (
    status: EvidenceStatus,
    focus: [number, number],
    value: NormalizedValue | undefined,
    confidence: number,
    reason: string,
    economic: boolean,
  ) => {
    const base = { status, focus, confidence: round(confidence), reason, explicit: false } as const;
    drafts.push({ ...base, concept: 'authority', ...(value ? { value } : {}) });
    if (economic) drafts.push({ ...base, concept: 'economic_buyer', ...(value ? { value } : {}) });
  };

  DECIDER.lastIndex = 0;
  for (let match = DECIDER.exec(text); match; match = DECIDER.exec(text)) {
    const clause = clauseText(facts, match.index);
    if (REPORTING_CLAUSE.test(clause.text)) continue;
    const negated = isNegatedBefore(clause.text, match.index - clause.start);
    const hedged = isHedged(clause.text);
    const role = nearestRole(facts, match.index, clause);
    const inClauseBefore = clause.text.slice(0, match.index - clause.start);
    const self =
      SELF_NEAR.test(inClauseBefore) ||
      /^(?:is )?(?:mine|me)\b/i.test(text.slice(match.index + match[0].length).trim()) ||
      (facts.sentence.speaker === 'unknown' && SELF_THIRD_PERSON.test(clause.text));
    const roleInClause =
      role !== null && role.start >= clause.start && role.end <= clause.start + clause.text.length;
    const pronounRole =
      !role && !self && /\b(?:she|he|they)\b/i.test(inClauseBefore) ? (facts.questionRoles[0] ?? null) : null;
    // "I make the call..., then her director approves": the speaker's own clause speaks for the speaker.
    const subject = self && !roleInClause ? null : (role ?? pronounRole);
    const economic = ECONOMIC.test(match[0]) || ECONOMIC.test(text);
    if (subject) {
      const status: EvidenceStatus = negated ? 'not_met' : hedged ? 'partial' : 'met';
      push(
        status,
        [Math.min(subject.start, match.index), Math.max(subject.end, match.index + match[0].length)],
        { kind: 'person', role: subject.role, self: false },
        (hedged ? 0.7 : 0.9) * (pronounRole ? 0.9 : 1),
        `${subject.role} ${negated ? 'does not decide' : 'decides or signs'}`,
        economic && !COLLECTIVE_ROLES.has(subject.role),
      );
    } else if (self) {
      const status: EvidenceStatus = negated ? 'not_met' : hedged ? 'partial' : 'met';
      push(
        status,
        [match.index, match.index + match[0].length],
        { kind: 'person', role: null, self: true },
        hedged ? 0.7 : 0.85,
        negated ? 'the contact says it is not their decision' : 'the contact decides or signs',
        economic,
      );
    } else if (negated) {
      push(
        'not_met',
        [match.index, match.index + match[0].length],
        undefined,
        0.8,
        'nobody identified who decides',
        /approv|sign|budget|spend/i.test(text),
      );
    }
  }

  CONSULT.lastIndex = 0;
  for (let match = CONSULT.exec(text); match; match = CONSULT.exec(text)) {
    const clause = clauseText(facts, match.index);
    const role = nearestRole(facts, match.index, clause);
    if (!role) continue;
    push(
      'partial',
      [Math.min(role.start, match.index), Math.max(role.end, match.index + match[0].length)],
      { kind: 'person', role: role.role, self: false },
      0.6,
      `${role.role} has a say, but who decides is not stated`,
      false,
    );
  }

  NO_AUTHORITY.lastIndex = 0;
  for (let match = NO_AUTHORITY.exec(text); match; match = NO_AUTHORITY.exec(text)) {
    push(
      'not_met',
      [match.index, match.index + match[0].length],
      undefined,
      0.85,
      'the decision maker is unknown or absent',
      /budget|purchas|approv|spend|sign/i.test(text),
    );
  }

  if (AUTHORITY_HEADING.test(text)) {
    for (const role of facts.roles.filter((r) => !FUNCTION_ROLES.has(r.role))) {
      push(
        'met',
        [role.start, role.end],
        { kind: 'person', role: role.role, self: false },
        0.8,
        `${role.role} listed as decision maker`,
        false,
      );
    }
  }
  return drafts;
}

const SELF_ANSWER = /^(?:I do|me\b|I am\b|I'm the one|that'?s me|myself|yes,? (?:I|me)\b|just me|I\b)/i;
const NEED_FINE = /^(?:fine|it'?s fine|all good|ok|okay|it works|works fine|good)\b/i;
const CONSULT_QUESTION = /\b(?:else|involved|weigh\w*|input)\b/i;
const NAME_TOKEN = /(?<=\s|^)(?:[A-Z][a-z]+[A-Z]\w*|[A-Z]\w*\.(?:io|com|ai)|[A-Z][\w]+)(?=[\s,.;]|$)/g;
const COMMON_CAPITALISED =
  /^(?:I|I'm|My|The|Our|We|We're|It|It's|Yes|No|Not|Just|Only|Well|So|And|But|Maybe|Probably|Right|Sure|OK|Okay|That|This|They|Nobody|None)$/;

/** A reply read against the question it answers: "No." after "Any pain points?" is evidence of no need. */
function answerEvidence(facts: SentenceFacts): Draft[] {
  const question = facts.question;
  if (!question) return [];
  const answer = facts.sentence.text.trim();
  const whole: [number, number] = [0, facts.sentence.text.length];
  const words = answer.split(/\s+/).length;
  const hasNumber =
    /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|half)\b/i.test(
      answer,
    );
  const drafts: Draft[] = [];
  const add = (concept: Concept, status: EvidenceStatus, confidence: number, reason: string) =>
    drafts.push({ concept, status, focus: whole, confidence, reason, explicit: true });

  for (const { concept, pattern } of QUESTION_TOPICS) {
    if (!pattern.test(question)) continue;
    switch (concept) {
      case 'budget':
        if (ANSWER_DONT_KNOW.test(answer)) break;
        if (ANSWER_MAYBE.test(answer))
          add('budget', 'partial', 0.75, `answered "${answer}" when asked about budget`);
        else if (ANSWER_YES.test(answer) && facts.money.length === 0)
          add('budget', 'met', 0.75, 'confirmed a budget when asked');
        else if (ANSWER_NO.test(answer)) add('budget', 'not_met', 0.75, 'said no when asked about budget');
        break;
      case 'authority': {
        const consult = CONSULT_QUESTION.test(question);
        const roles = facts.roles.filter((role) => !FUNCTION_ROLES.has(role.role));
        const economic = ECONOMIC.test(question);
        if (roles.length > 0) {
          for (const role of roles) {
            drafts.push({
              concept: 'authority',
              status: consult ? 'partial' : 'met',
              focus: [role.start, role.end],
              value: { kind: 'person', role: role.role, self: false },
              confidence: 0.8,
              reason: consult
                ? `${role.role} is involved in the decision`
                : `${role.role} named as the one who decides`,
              explicit: false,
            });
            if (!consult && economic && !COLLECTIVE_ROLES.has(role.role)) {
              drafts.push({
                concept: 'economic_buyer',
                status: 'met',
                focus: [role.start, role.end],
                value: { kind: 'person', role: role.role, self: false },
                confidence: 0.8,
                reason: `${role.role} named as the one who signs`,
                explicit: false,
              });
            }
          }
        } else if (!consult && (SELF_ANSWER.test(answer) || ANSWER_YES.test(answer))) {
          for (const concept of economic
            ? (['authority', 'economic_buyer'] as const)
            : (['authority'] as const)) {
            drafts.push({
              concept,
              status: 'met',
              focus: whole,
              value: { kind: 'person', role: null, self: true },
              confidence: 0.8,
              reason: 'the contact says they decide',
              explicit: false,
            });
          }
        } else if (
          !consult &&
          (ANSWER_NO.test(answer) || /^not me\b/i.test(answer) || ANSWER_DONT_KNOW.test(answer))
        ) {
          add('authority', 'not_met', 0.75, `answered "${answer}" when asked who decides`);
        }
        break;
      }
      case 'timeline':
        if (ANSWER_NO.test(answer))
          add('timeline', 'not_met', 0.75, `answered "${answer}" when asked about timing`);
        else if (ANSWER_MAYBE.test(answer)) add('timeline', 'partial', 0.75, 'unsure about timing');
        else if (/^(?:asap|as soon as possible|now|immediately|yesterday|urgently)\b/i.test(answer))
          add('timeline', 'met', 0.8, 'wants it as soon as possible');
        break;
      case 'need':
        if (ANSWER_YES.test(answer)) add('pain', 'met', 0.75, 'confirmed the problem when asked');
        else if (ANSWER_NO.test(answer) || NEED_FINE.test(answer))
          add('need', 'not_met', 0.8, `answered "${answer}" when asked about problems`);
        else if (ANSWER_MAYBE.test(answer)) add('need', 'partial', 0.7, 'unsure whether there is a problem');
        break;
      case 'competition': {
        const named = [...answer.matchAll(NAME_TOKEN)].some(
          (m) => !COMMON_CAPITALISED.test(m[0]) && ((m.index ?? 0) > 0 || words <= 3),
        );
        if (ANSWER_YES.test(answer)) add('competition', 'met', 0.7, 'confirmed another option when asked');
        else if (ANSWER_NO.test(answer) || /^(?:nobody|no one|not yet)\b/i.test(answer))
          add('competition', 'not_met', 0.7, 'no alternative when asked');
        else if (named) add('competition', 'met', 0.7, 'named a product when asked what they use or weigh');
        break;
      }
      case 'champion':
        if (SELF_ANSWER.test(answer)) add('champion', 'met', 0.75, 'offered to sponsor it');
        break;
      case 'goals':
        if (words >= 3) add('goals', 'met', 0.7, 'answered what success looks like');
        if (hasNumber) add('metrics', 'met', 0.75, 'gave a number for the goal');
        break;
      case 'metrics':
        if (hasNumber) add('metrics', 'met', 0.75, 'gave a number when asked');
        break;
      case 'plans':
        if (words >= 3) add('plans', 'met', 0.65, 'described what they tried or plan');
        break;
      case 'negative_consequences':
        if (words >= 3 && !ANSWER_DONT_KNOW.test(answer))
          add('negative_consequences', 'met', 0.7, 'said what inaction costs');
        break;
      case 'positive_implications':
        if (words >= 3 && !ANSWER_DONT_KNOW.test(answer))
          add('positive_implications', 'met', 0.7, 'said what success brings');
        break;
      default:
        break;
    }
  }
  return drafts;
}

const SEVERITY: Record<EvidenceStatus, number> = { met: 0, partial: 1, not_met: 2 };

/**
 * All evidence in one sentence. Explicit statements override amounts and dates in the same sentence
 * ("we had €25k set aside, but it was cut" is budget not met, with the amount kept as its value).
 */
export function sentenceEvidence(facts: SentenceFacts): EvidenceItem[] {
  if (facts.sentence.speaker === 'rep') return [];
  const budgetQuestion = facts.question !== null && QUESTION_TOPICS[0]?.pattern.test(facts.question) === true;
  const drafts = [
    ...cueEvidence(facts),
    ...budgetEvidence(facts, budgetQuestion),
    ...timelineEvidence(facts),
    ...authorityEvidence(facts),
    ...answerEvidence(facts),
  ];

  for (const concept of ['budget', 'timeline'] as const) {
    const stated = drafts.filter((d) => d.concept === concept && d.explicit);
    const valued = drafts.filter((d) => d.concept === concept && d.value);
    if (valued.length === 0) continue;
    const worst = stated.reduce<Draft | null>(
      (acc, d) => (!acc || SEVERITY[d.status] > SEVERITY[acc.status] ? d : acc),
      null,
    );
    for (const item of valued) {
      if (worst && SEVERITY[worst.status] > SEVERITY[item.status]) {
        item.status = worst.status;
        item.reason = `${item.reason}; ${worst.reason}`;
        item.confidence = Math.max(item.confidence, worst.confidence);
      }
    }
    // The amounts and dates carry the evidence; drop the bare cues they absorbed.
    for (const cue of drafts.filter((d) => d.concept === concept && !d.value)) {
      cue.confidence = -1;
    }
  }

  const kept = new Map<string, Draft>();
  for (const draft of drafts) {
    if (draft.confidence < 0) continue;
    const valueKey = draft.value ? JSON.stringify(draft.value) : '';
    const key = `${draft.concept}|${draft.status}|${valueKey}`;
    const existing = kept.get(key);
    if (!existing || draft.confidence > existing.confidence) kept.set(key, draft);
  }

  const [start] = facts.sentence.span;
  return [...kept.values()].map(({ explicit: _explicit, focus, ...item }) => ({
    ...item,
    text: facts.sentence.text,
    span: facts.sentence.span,
    focus: [start + focus[0], start + focus[1]] as const,
    speaker: facts.sentence.speaker,
    turn: facts.sentence.turn,
  }));
}

const round = (n: number): number => Math.round(n * 100) / 100;
