import { type Day, parseIsoDay } from './calendar-math';
import type { SentenceFacts } from './concept-evidence';
import { ANSWER_DONT_KNOW } from './cue-lexicon';
import type {
  DateRangeValue,
  EvidenceItem,
  GoodSignKind,
  MoneyValue,
  RedFlagKind,
  Signal,
  Span,
  Turn,
} from './signal-types';
import { countWords } from './text-segment';

interface SignalInput {
  text: string;
  referenceDate: string;
  facts: SentenceFacts[];
  turns: Turn[];
  evidence: EvidenceItem[];
}

const slice = (text: string, span: Span) => text.slice(span[0], span[1]);

const signal = <K extends string>(
  text: string,
  kind: K,
  span: Span,
  reason: string,
  confidence: number,
  related: Span[] = [],
): Signal<K> => ({ kind, span, text: slice(text, span), related, reason, confidence });

/** Words that carry detail: a number, a month, a named product. */
const SPECIFIC_WORD = {
  test: (text: string): boolean =>
    /\d|\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/i.test(
      text,
    ) || /\b[A-Z][a-z]+[A-Z]\w*\b|\b\w+\.(?:io|com|ai)\b/.test(text),
};

function shortAnswers(input: SignalInput): Signal<RedFlagKind>[] {
  const { text, turns } = input;
  if (turns.length > 0) {
    const answers = turns.filter(
      (turn, index) => turn.role === 'prospect' && index > 0 && turns[index - 1]?.role === 'rep',
    );
    const short = answers.filter(
      (turn) => turn.words <= 4 && !SPECIFIC_WORD.test(slice(text, turn.contentSpan)),
    );
    const enough = short.length >= 3 || (short.length >= 2 && short.length === answers.length);
    if (answers.length >= 2 && enough && short.length / answers.length >= 0.6) {
      const [first, ...rest] = short;
      if (!first) return [];
      return [
        signal(
          text,
          'short_answers',
          first.contentSpan,
          `${short.length} of ${answers.length} answers were four words or fewer, with no detail: the problem may not be felt, or this contact is not the right one`,
          Math.min(0.95, 0.5 + short.length / answers.length / 2),
          rest.map((turn) => turn.contentSpan),
        ),
      ];
    }
    return [];
  }
  const reported =
    /\b(?:one-word|one word|monosyllabic|very short|short|terse|curt|clipped) (?:answers?|replies)\b|\bdidn'?t say much\b|\bbarely (?:said|spoke|talked)\b/i.exec(
      text,
    );
  return reported
    ? [
        signal(
          text,
          'short_answers',
          [reported.index, reported.index + reported[0].length],
          'the notes say the prospect answered in very few words',
          0.8,
        ),
      ]
    : [];
}

const THRESHOLD =
  /\b(?:anything|purchases?|tools|deals?)\s+(?:under|over|above|below|up to)\b|\b(?:above|over|beyond|under) that\b|\bup to [$€£¥₹]?\d/i;
const DEADLINE_TALK =
  /\b(?:go[- ]live|deadline|live by|have until|need (?:it|this) (?:by|before|live)|due|launch date|cut-?off|latest)\b/i;

function moneyOverlaps(a: MoneyValue, b: MoneyValue): boolean {
  return a.min <= b.max * 1.15 && b.min <= a.max * 1.15;
}

function datesOverlap(a: DateRangeValue, b: DateRangeValue): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function contradictions(input: SignalInput): Signal<RedFlagKind>[] {
  const { text, evidence } = input;
  const flags: Signal<RedFlagKind>[] = [];

  const budgets = evidence.filter(
    (item) => item.concept === 'budget' && item.value?.kind === 'money' && item.status !== 'not_met',
  );
  outer: for (const [i, a] of budgets.entries()) {
    for (const b of budgets.slice(i + 1)) {
      const va = a.value as MoneyValue;
      const vb = b.value as MoneyValue;
      const sameUnit =
        (va.currency === vb.currency || va.currency === null || vb.currency === null) &&
        va.period === vb.period;
      if (a.span[0] !== b.span[0] && sameUnit && !moneyOverlaps(va, vb)) {
        flags.push(
          signal(
            text,
            'contradiction',
            a.focus,
            `two different budgets: ${slice(text, a.focus)} and ${slice(text, b.focus)}`,
            0.8,
            [b.focus],
          ),
        );
        break outer;
      }
    }
  }

  const deadlines = evidence.filter(
    (item) =>
      item.concept === 'timeline' && item.value?.kind === 'date_range' && DEADLINE_TALK.test(item.text),
  );
  outer: for (const [i, a] of deadlines.entries()) {
    for (const b of deadlines.slice(i + 1)) {
      if (a.span[0] !== b.span[0] && !datesOverlap(a.value as DateRangeValue, b.value as DateRangeValue)) {
        flags.push(
          signal(
            text,
            'contradiction',
            a.focus,
            `two different deadlines: ${slice(text, a.focus)} and ${slice(text, b.focus)}`,
            0.75,
            [b.focus],
          ),
        );
        break outer;
      }
    }
  }

  const deciders = evidence.filter(
    (item) =>
      item.concept === 'authority' &&
      item.status === 'met' &&
      item.value?.kind === 'person' &&
      !THRESHOLD.test(item.text),
  );
  const self = deciders.find((item) => item.value?.kind === 'person' && item.value.self);
  const other = deciders.find(
    (item) =>
      item.value?.kind === 'person' &&
      !item.value.self &&
      item.value.role !== null &&
      !['Board', 'Committee'].includes(item.value.role) &&
      item.span[0] !== self?.span[0],
  );
  if (self && other) {
    const [first, second] = self.span[0] < other.span[0] ? [self, other] : [other, self];
    flags.push(
      signal(
        text,
        'contradiction',
        first.focus,
        'the contact says they decide, and elsewhere that someone else does: ask who signs',
        0.8,
        [second.focus],
      ),
    );
  }

  const reported =
    /\b(?:contradict\w*|inconsistent|changed (?:his|her|their) (?:story|answer|mind)|(?:then|but) later (?:said|mentioned|claimed)|later (?:he|she|they) said|said the opposite)\b/i.exec(
      text,
    );
  if (reported && flags.length === 0) {
    flags.push(
      signal(
        text,
        'contradiction',
        [reported.index, reported.index + reported[0].length],
        'the notes report an answer that changed during the call',
        0.7,
      ),
    );
  }
  return flags;
}

const GROWTH =
  /\b(?:(double|doubling)|(triple|tripling)|(quadruple|quadrupling)|(\d+)\s?x|(\d{3,})\s?%\s+(?:growth|increase|more|up))\b/i;

function daysBetween(a: Day, b: Day): number {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

function unrealisticTargets(input: SignalInput): Signal<RedFlagKind>[] {
  const { text, facts, referenceDate } = input;
  const ref = parseIsoDay(referenceDate);
  const flags: Signal<RedFlagKind>[] = [];
  for (const fact of facts) {
    if (fact.sentence.speaker === 'rep') continue;
    const growth = GROWTH.exec(fact.sentence.text);
    if (!growth) continue;
    const factor = growth[1]
      ? 2
      : growth[2]
        ? 3
        : growth[3]
          ? 4
          : growth[4]
            ? Number(growth[4])
            : 1 + Number(growth[5]) / 100;
    const windows = fact.dates.map((date) => daysBetween(ref, parseIsoDay(date.value.end)));
    if (windows.length === 0 || factor < 2) continue;
    const days = Math.max(1, Math.min(...windows));
    if ((factor >= 2 && days <= 62) || (factor >= 3 && days <= 183) || (factor >= 10 && days <= 366)) {
      const [start] = fact.sentence.span;
      flags.push(
        signal(
          text,
          'unrealistic_target',
          [start + growth.index, start + growth.index + growth[0].length],
          `a ${factor}× increase within ${days} days is not a plan a serious buyer makes: test how they would get there`,
          0.8,
          fact.dates.map((date) => [start + date.start, start + date.end] as const),
        ),
      );
    }
  }
  return flags;
}

const DONT_KNOW =
  /\b(?:(?:didn'?t|doesn'?t|don'?t|did not|does not|do not) know|(?:wasn'?t|isn'?t|not) sure (?:what|who|how|about|which)|no idea|couldn'?t (?:say|name|tell|answer))\b/gi;

function lackOfKnowledge(input: SignalInput): Signal<RedFlagKind>[] {
  const { text, facts } = input;
  const hits: Span[] = [];
  for (const fact of facts) {
    if (fact.sentence.speaker === 'rep') continue;
    const [start] = fact.sentence.span;
    const answer = fact.question !== null && ANSWER_DONT_KNOW.exec(fact.sentence.text);
    if (answer) hits.push([start + answer.index, start + answer.index + answer[0].length]);
    for (const match of fact.sentence.text.matchAll(DONT_KNOW)) {
      const at = start + (match.index ?? 0);
      if (!hits.some(([s, e]) => at >= s && at < e)) hits.push([at, at + match[0].length]);
    }
  }
  const [first, ...rest] = hits;
  if (!first || hits.length < 2) return [];
  return [
    signal(
      text,
      'lack_of_knowledge',
      first,
      `${hits.length} times the contact could not answer about their own business: they may be far from the decision`,
      0.7,
      rest,
    ),
  ];
}

const EXCUSE =
  /\b(?:kept? putting (?:it|this) off|never got (?:round|around) to|(?:didn'?t|did not|never) ha(?:d|ve) (?:the )?(?:time|bandwidth|budget|resources|capacity|headcount)|(?:nobody|no one) had (?:the )?(?:time|bandwidth|capacity)|(?:was|were|is) never (?:anyone'?s|a|our) (?:job|priority)|(?:we|they) were (?:focused on|busy with|mid-)|that'?s on us|excuse was|kept slipping|nobody (?:maintained|picked it up|owned)|(?:nobody|no one) has (?:the )?time|there was never|too busy with|abandoned because)\b/gi;

function excuses(input: SignalInput): Signal<GoodSignKind>[] {
  const { text, facts } = input;
  const signs: Signal<GoodSignKind>[] = [];
  for (const fact of facts) {
    if (fact.sentence.speaker === 'rep') continue;
    const [start] = fact.sentence.span;
    for (const match of fact.sentence.text.matchAll(EXCUSE)) {
      const at = start + (match.index ?? 0);
      signs.push(
        signal(
          text,
          'excuse',
          [at, at + match[0].length],
          'explains why the problem was not fixed before: the pain is real',
          0.75,
        ),
      );
    }
  }
  return signs;
}

const COMMON_WORD =
  /^(?:The|A|An|We|Our|They|Their|It|Its|This|That|These|Those|Mid|Early|Late|Yes|No|Not|Just|Only|And|But|So|Then|If|When|Every|Most|Some|Any|All|Each|Also|Currently|Right|Sure|Well)$/;
const NOT_A_NAME = new Set([
  'I',
  'CRM',
  'ERP',
  'SDR',
  'SDRs',
  'AE',
  'AEs',
  'EMEA',
  'ICP',
  'ROI',
  'PO',
  'UK',
  'US',
  'EU',
  'OK',
]);

/** Concepts whose sentences describe the prospect's situation, where detail shows real thought. */
const SITUATION = new Set([
  'pain',
  'need',
  'metrics',
  'goals',
  'decision_process',
  'decision_criteria',
  'plans',
]);

/** Details in a sentence beyond amounts and dates: counts, percentages, durations, named systems. */
function details(fact: SentenceFacts): number {
  const sentence = fact.sentence.text;
  const inValue = (index: number) =>
    fact.money.some((m) => index >= m.start && index < m.end) ||
    fact.dates.some((d) => index >= d.start && index < d.end);
  const numbers = [
    ...sentence.matchAll(
      /\d+(?:[.,]\d+)?\s?%?|\b(?:half|a third|twice|double|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)\b/gi,
    ),
  ].filter((match) => !inValue(match.index ?? 0)).length;
  const names = sentence
    .split(/\s+/)
    .slice(1)
    .map((word) => word.replace(/[^\w.-]/g, ''))
    // A capitalised word inside the sentence: a product, a system, a place ("Salesforce", "Xero").
    .filter((word) => /^[A-Z][\w.-]*[a-z]/.test(word) && !NOT_A_NAME.has(word) && !COMMON_WORD.test(word))
    .filter((word) => !fact.roles.some((role) => role.role.includes(word))).length;
  return numbers + names;
}

function specificity(input: SignalInput): Signal<GoodSignKind>[] {
  const { text, facts, evidence } = input;
  return facts
    .filter((fact) => fact.sentence.speaker !== 'rep')
    .filter((fact) =>
      evidence.some((item) => item.span[0] === fact.sentence.span[0] && SITUATION.has(item.concept)),
    )
    .map((fact) => ({ fact, count: details(fact) }))
    .filter(({ count }) => count >= 2)
    .slice(0, 5)
    .map(({ fact, count }) =>
      signal(
        text,
        'specificity',
        fact.sentence.span,
        'describes the situation with numbers or named systems: they have thought about it',
        Math.min(0.9, 0.5 + count / 10),
      ),
    );
}

function knowledge(input: SignalInput, unrealistic: Signal<RedFlagKind>[]): Signal<GoodSignKind>[] {
  const { text, evidence } = input;
  // A wild target is specific, but it shows the opposite of knowing the business.
  const seen = new Set<number>(
    evidence
      .filter((item) =>
        unrealistic.some((flag) => flag.span[0] >= item.span[0] && flag.span[0] < item.span[1]),
      )
      .map((item) => item.span[0]),
  );
  const signs: Signal<GoodSignKind>[] = [];
  for (const item of evidence) {
    if (item.speaker === 'rep' || seen.has(item.span[0])) continue;
    const numeric = /\d|\b(?:double|triple|half|twice)\b/i.test(item.text);
    const knowsNumbers =
      (item.concept === 'goals' || item.concept === 'metrics') && numeric && countWords(item.text) >= 4;
    const knowsProcess =
      item.concept === 'decision_process' &&
      /\bthen\b|\bfirst\b/i.test(item.text) &&
      countWords(item.text) >= 6;
    if (!knowsNumbers && !knowsProcess) continue;
    seen.add(item.span[0]);
    signs.push(
      signal(
        text,
        'knowledge',
        item.span,
        knowsProcess ? 'knows the steps of their buying process' : 'knows their goals and numbers',
        0.7,
      ),
    );
  }
  return signs;
}

export function detectRedFlags(input: SignalInput): Signal<RedFlagKind>[] {
  return [
    ...shortAnswers(input),
    ...contradictions(input),
    ...unrealisticTargets(input),
    ...lackOfKnowledge(input),
  ];
}

export function detectGoodSigns(input: SignalInput): Signal<GoodSignKind>[] {
  return [...specificity(input), ...knowledge(input, unrealisticTargets(input)), ...excuses(input)].sort(
    (a, b) => a.span[0] - b.span[0],
  );
}
