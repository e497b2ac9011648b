import type { Span, SpeakerRole, SpeakerSide, Turn } from './signal-types';

export interface Sentence {
  text: string;
  span: Span;
  speaker: SpeakerRole;
  turn: number | null;
}

const REP_LABELS = new Set([
  'rep',
  'me',
  'sales',
  'salesperson',
  'seller',
  'ae',
  'sdr',
  'bdr',
  'agent',
  'interviewer',
  'host',
  'account executive',
  'us',
]);
const PROSPECT_LABELS = new Set([
  'prospect',
  'client',
  'customer',
  'buyer',
  'lead',
  'caller',
  'them',
  'contact',
]);

/** Labels that start note headings ("Budget: 50k"), never a speaker. */
const HEADING_WORDS = new Set([
  'budget',
  'need',
  'needs',
  'pain',
  'pains',
  'goal',
  'goals',
  'timeline',
  'timing',
  'authority',
  'decision',
  'competition',
  'competitors',
  'next',
  'current',
  'attendees',
  'notes',
  'note',
  'summary',
  'action',
  'compelling',
  'problem',
  'problems',
  'challenge',
  'challenges',
  'risk',
  'risks',
  'metrics',
  'champion',
  'criteria',
  'process',
  'plan',
  'plans',
  'context',
  'background',
  'outcome',
  'status',
  'follow-up',
  'pricing',
  'objections',
  'agenda',
  'date',
  're',
  'subject',
  'call',
  'kpi',
  'top',
  'remaining',
  'update',
  'todo',
  'money',
  'funds',
  'urgency',
  'interest',
  'excuse',
  'paper',
  'legal',
  'security',
  'procurement',
  'pilot',
]);

const SPEAKER_LINE = /^[ \t]*([A-Za-z][A-Za-z0-9 .'’&-]{0,40}?(?:\s*\([^)\n]{1,30}\))?)[ \t]*:[ \t]+/;

function looksLikeSpeaker(label: string): boolean {
  const lower = label.toLowerCase().trim();
  if (REP_LABELS.has(lower) || PROSPECT_LABELS.has(lower)) return true;
  const words = lower
    .replace(/\([^)]*\)/g, '')
    .trim()
    .split(/\s+/);
  if (words.length > 3 || HEADING_WORDS.has(words[0] ?? '')) return false;
  // A name: every word capitalised ("Lena Fischer", "Sara K").
  return label
    .replace(/\([^)]*\)/g, '')
    .trim()
    .split(/\s+/)
    .every((word) => /^[A-Z][\w.'’-]*$/.test(word));
}

interface RawTurn {
  speaker: string;
  span: [number, number];
  contentStart: number;
}

/**
 * Splits a transcript into speaker turns ("Rep: ...", "Lena Fischer: ..."). Lines without a label continue
 * the current turn. Returns no turns when fewer than two labelled lines are found: the text is notes.
 */
export function parseTurns(text: string, speakerMap?: Record<string, SpeakerSide>): Turn[] {
  const raw: RawTurn[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const match = SPEAKER_LINE.exec(line);
    const label = match?.[1];
    if (match && label && looksLikeSpeaker(label)) {
      raw.push({
        speaker: label.trim(),
        span: [offset, offset + line.length],
        contentStart: offset + match[0].length,
      });
    } else {
      const last = raw[raw.length - 1];
      if (last && line.trim() !== '') last.span[1] = offset + line.length;
    }
    offset += line.length + 1;
  }
  const labels = new Set(raw.map((turn) => turn.speaker.toLowerCase()));
  if (raw.length < 2 || labels.size < 2) return [];

  const roles = assignRoles(text, raw, speakerMap);
  return raw.map((turn, index) => {
    const content = text.slice(turn.contentStart, turn.span[1]);
    return {
      index,
      speaker: turn.speaker,
      role: roles.get(turn.speaker.toLowerCase()) ?? 'prospect',
      span: [turn.span[0], turn.span[1]] as const,
      contentSpan: [turn.contentStart, turn.span[1]] as const,
      words: countWords(content),
    };
  });
}

function assignRoles(
  text: string,
  turns: RawTurn[],
  speakerMap: Record<string, SpeakerSide> | undefined,
): Map<string, SpeakerSide> {
  const roles = new Map<string, SpeakerSide>();
  const mapped = new Map(
    Object.entries(speakerMap ?? {}).map(([key, side]) => [key.trim().toLowerCase(), side]),
  );
  const labels = [...new Set(turns.map((turn) => turn.speaker.toLowerCase()))];
  for (const label of labels) {
    const bare = label.replace(/\s*\([^)]*\)/g, '').trim();
    const side =
      mapped.get(label) ??
      mapped.get(bare) ??
      (REP_LABELS.has(bare) ? 'rep' : PROSPECT_LABELS.has(bare) ? 'prospect' : undefined);
    if (side) roles.set(label, side);
  }
  const unknown = labels.filter((label) => !roles.has(label));
  if (unknown.length === 0) return roles;
  if ([...roles.values()].includes('rep')) {
    for (const label of unknown) roles.set(label, 'prospect');
    return roles;
  }
  // Nobody is known to be the rep: the rep is whoever asks the most questions (first speaker on a tie).
  const questions = new Map<string, number>();
  for (const turn of turns) {
    const label = turn.speaker.toLowerCase();
    const asked = (text.slice(turn.contentStart, turn.span[1]).match(/\?/g) ?? []).length;
    questions.set(label, (questions.get(label) ?? 0) + asked);
  }
  const rep = unknown.reduce((best, label) =>
    (questions.get(label) ?? 0) > (questions.get(best) ?? 0) ? label : best,
  );
  for (const label of unknown) roles.set(label, label === rep ? 'rep' : 'prospect');
  return roles;
}

export function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,%$€£-]*/gu) ?? []).length;
}

const ABBREVIATIONS = /(?:\b(?:e\.g|i\.e|etc|vs|approx|Mr|Mrs|Ms|Dr|Inc|Ltd|Co|Corp|St|No|w)\.|\b[A-Z]\.)$/;

/** Splits a region of the text into sentences with their offsets; bullet lines and line breaks also end one. */
export function splitSentences(
  text: string,
  region: Span,
  speaker: SpeakerRole,
  turn: number | null,
): Sentence[] {
  const sentences: Sentence[] = [];
  const [regionStart, regionEnd] = region;
  let start = regionStart;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /[\s\-–•*]/.test(text[s] ?? '')) s++;
    while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
    if (e > s) sentences.push({ text: text.slice(s, e), span: [s, e], speaker, turn });
  };
  for (let i = regionStart; i < regionEnd; i++) {
    const ch = text[i];
    if (ch === '\n') {
      push(i);
      start = i + 1;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let end = i + 1;
    while (end < regionEnd && /[.!?"'”’)]/.test(text[end] ?? '')) end++;
    const next = text[end];
    if (end < regionEnd && next !== ' ' && next !== '\t' && next !== '\n') continue;
    if (ch === '.' && ABBREVIATIONS.test(text.slice(Math.max(regionStart, i - 8), i + 1))) continue;
    push(end);
    start = end;
    i = end - 1;
  }
  push(regionEnd);
  return sentences;
}

/** Every sentence of the input, with who said it. Notes (no turns) give speaker `unknown`. */
export function segmentConversation(text: string, turns: Turn[]): Sentence[] {
  if (turns.length === 0) return splitSentences(text, [0, text.length], 'unknown', null);
  return turns.flatMap((turn) => splitSentences(text, turn.contentSpan, turn.role, turn.index));
}

/** Clause boundaries inside a sentence: punctuation and contrastive conjunctions. */
const CLAUSE_BREAK = /[,;:—–()]|\s-\s|\b(?:but|although|though|however|whereas|except|while)\b/gi;

export interface Clause {
  /** Offsets relative to the sentence text. */
  start: number;
  end: number;
}

export function splitClauses(sentence: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  for (const match of sentence.matchAll(CLAUSE_BREAK)) {
    const index = match.index ?? 0;
    // Keep digits grouped: "50,000".
    if (match[0] === ',' && /\d/.test(sentence[index - 1] ?? '') && /\d/.test(sentence[index + 1] ?? ''))
      continue;
    if (index > start) clauses.push({ start, end: index });
    start = index + match[0].length;
  }
  if (start < sentence.length) clauses.push({ start, end: sentence.length });
  return clauses;
}

export function clauseAt(clauses: Clause[], offset: number): Clause {
  return (
    clauses.find((clause) => offset >= clause.start && offset < clause.end) ?? { start: 0, end: offset + 1 }
  );
}
