import type { Concept } from '../frameworks/concepts';
import type { CriterionStatus, FrameworkDefinition } from '../frameworks/framework-types';

/** Character offsets into the analysed text, end exclusive: `text.slice(start, end)`. */
export type Span = readonly [start: number, end: number];

export type SpeakerSide = 'rep' | 'prospect';
/** Who said a sentence: `unknown` for free-form notes (the rep writing down what the prospect said). */
export type SpeakerRole = SpeakerSide | 'unknown';

export const EVIDENCE_STATUSES = ['met', 'partial', 'not_met'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

export interface ConversationInput {
  text: string;
  /** The call date, YYYY-MM-DD. Relative dates ("next quarter", "in two weeks") resolve after it. */
  referenceDate: string;
  /** Which transcript speaker is which side, by the label before the colon (case-insensitive). */
  speakerMap?: Record<string, SpeakerSide>;
  /** When given, the analysis also reports a status per criterion of this framework. */
  framework?: FrameworkDefinition;
}

export const CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'CHF',
  'JPY',
  'INR',
  'AUD',
  'CAD',
  'PLN',
  'SEK',
  'NOK',
  'DKK',
] as const;
export type Currency = (typeof CURRENCIES)[number];

export type DatePrecision = 'day' | 'week' | 'month' | 'quarter' | 'half' | 'season' | 'year' | 'duration';

export interface MoneyValue {
  kind: 'money';
  /** Equal for a single amount; a range ("40-60k") keeps both ends. */
  min: number;
  max: number;
  /** null when the speaker gave no currency ("about 60 grand"). */
  currency: Currency | null;
  period: 'month' | 'year' | null;
  /** "about", "roughly", "~". */
  approximate: boolean;
}

export interface DateRangeValue {
  kind: 'date_range';
  /** Inclusive calendar days, YYYY-MM-DD, never before the reference date. */
  start: string;
  end: string;
  precision: DatePrecision;
}

export interface PersonValue {
  kind: 'person';
  /** Canonical role ("CFO", "VP Sales", "Head of IT", "Procurement"), or null for the contact themself. */
  role: string | null;
  /** The contact speaking about themself ("I sign off", "it's my call"). */
  self: boolean;
}

export interface VendorValue {
  kind: 'vendor';
  /** The product or company named, or "in-house" for building it themselves. */
  name: string;
}

export interface QuantityValue {
  kind: 'quantity';
  value: number;
  unit: string;
}

export type NormalizedValue = MoneyValue | DateRangeValue | PersonValue | VendorValue | QuantityValue;

export interface EvidenceItem {
  concept: Concept;
  status: EvidenceStatus;
  /** The sentence the evidence was found in (`input.text.slice(...span)`). */
  text: string;
  span: Span;
  /** The words that triggered it (an amount, a date phrase, a role, a cue). */
  focus: Span;
  value?: NormalizedValue;
  /** 0–1: how sure the rule is. Hedged statements are lower. */
  confidence: number;
  /** Why, in a sentence a rep can read. */
  reason: string;
  speaker: SpeakerRole;
  /** Index into `turns`, or null for notes. */
  turn: number | null;
}

export interface ConceptSummary {
  status: CriterionStatus;
  confidence: number;
}

export const RED_FLAG_KINDS = [
  'short_answers',
  'contradiction',
  'unrealistic_target',
  'lack_of_knowledge',
] as const;
export type RedFlagKind = (typeof RED_FLAG_KINDS)[number];

export const GOOD_SIGN_KINDS = ['specificity', 'knowledge', 'excuse'] as const;
export type GoodSignKind = (typeof GOOD_SIGN_KINDS)[number];

export interface Signal<K extends string = RedFlagKind | GoodSignKind> {
  kind: K;
  /** The words that triggered it. */
  span: Span;
  text: string;
  /** Other places that belong to it: the other side of a contradiction, the other short answers. */
  related: Span[];
  reason: string;
  confidence: number;
}

export type QuestionKind = 'open' | 'closed';

export interface QuestionCoaching {
  text: string;
  span: Span;
  kind: QuestionKind;
  /** Why it was classified so ("starts with 'how'"). */
  reason: string;
  /** An open rewording, for closed questions. */
  suggestion?: string;
  turn: number | null;
}

export interface Turn {
  index: number;
  /** The label before the colon, as written. */
  speaker: string;
  role: SpeakerSide;
  /** The whole line(s) of the turn, label included. */
  span: Span;
  /** What was said, label excluded. */
  contentSpan: Span;
  words: number;
}

export interface TalkRatio {
  /** Shares of the words spoken, summing to 1. */
  rep: number;
  prospect: number;
  repWords: number;
  prospectWords: number;
}

export interface CriterionFinding {
  criterion: string;
  label: string;
  status: CriterionStatus;
  evidence: EvidenceItem[];
  confidence: number;
}

export interface ConversationAnalysis {
  referenceDate: string;
  /** Evidence per concept, in text order. */
  evidence: EvidenceItem[];
  /** Status per concept ("unknown" when nothing was said about it). Need includes stated pains. */
  concepts: Record<Concept, ConceptSummary>;
  /** Per criterion of `input.framework`, when one was given. */
  criteria?: CriterionFinding[];
  redFlags: Signal<RedFlagKind>[];
  goodSigns: Signal<GoodSignKind>[];
  questions: QuestionCoaching[];
  /** null for notes (no speaker turns with both sides). */
  talkRatio: TalkRatio | null;
  /** Speaker turns; empty for free-form notes. */
  turns: Turn[];
  /** Roles and buying functions the prospect (or the notes) named: the buying committee as heard. */
  roles: RoleMentioned[];
}

export interface RoleMentioned {
  /** Canonical form: "CFO", "VP Sales", "Head of IT", "Director of Finance", "Procurement". */
  role: string;
  span: Span;
}
