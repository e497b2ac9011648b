import type { AssessmentView, ConversationAnalysisView } from '@triage/contracts';

export const MARK_KINDS = ['evidence', 'red_flag', 'good_sign', 'question'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

export interface Mark {
  from: number;
  to: number;
  kind: MarkKind;
  /** What the highlight stands for, shown on hover: "Budget: states an amount to spend". */
  label: string;
  /** The criterion an evidence mark backs (for styling and tests). */
  criterion?: string;
}

/** A run of the note's text covered by the same marks; uncovered runs have none. */
export interface Segment {
  text: string;
  marks: Mark[];
}

/**
 * Cuts the text at every mark boundary so overlapping marks (a question inside a red flag, a figure inside a
 * sentence) become flat runs. Joining the segments' text always gives the note back, character for character.
 */
export function highlightSegments(text: string, marks: readonly Mark[]): Segment[] {
  const inside = (n: number) => Math.max(0, Math.min(text.length, n));
  const usable = marks
    .map((m) => ({ ...m, from: inside(m.from), to: inside(m.to) }))
    .filter((m) => m.to > m.from);
  const cuts = [...new Set([0, text.length, ...usable.flatMap((m) => [m.from, m.to])])].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < cuts.length - 1; i += 1) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    const covering = usable.filter((m) => m.from <= from && m.to >= to);
    const previous = segments.at(-1);
    if (previous && previous.marks.length === 0 && covering.length === 0)
      previous.text += text.slice(from, to);
    else segments.push({ text: text.slice(from, to), marks: covering });
  }
  return segments;
}

/** Everything the analysis points at in the note: the words behind each criterion, flags, signs, questions. */
export function analysisMarks(analysis: ConversationAnalysisView): Mark[] {
  const evidence = (analysis.criteria ?? []).flatMap((c) =>
    c.evidence.map<Mark>((e) => ({
      from: e.focus[0],
      to: e.focus[1],
      kind: 'evidence',
      label: `${c.label}: ${e.reason}`,
      criterion: c.criterion,
    })),
  );
  const signal = (kind: MarkKind, prefix: string) => (s: ConversationAnalysisView['redFlags'][number]) => ({
    from: s.span[0],
    to: s.span[1],
    kind,
    label: `${prefix}: ${s.reason}`,
  });
  return [
    ...analysis.redFlags.map(signal('red_flag', 'Red flag')),
    ...analysis.goodSigns.map(signal('good_sign', 'Good sign')),
    ...analysis.questions.map<Mark>((q) => ({
      from: q.span[0],
      to: q.span[1],
      kind: 'question',
      label: `${q.kind === 'open' ? 'Open' : 'Closed'} question: ${q.reason}`,
    })),
    ...evidence,
  ];
}

export type SuggestionState = 'suggested' | 'kept_by_rep' | 'already_applied';

export interface Suggestion {
  criterion: string;
  label: string;
  status: string;
  /** The sentence the strongest evidence came from. */
  sentence: string;
  reason: string;
  confidence: number;
  state: SuggestionState;
}

/**
 * One suggestion per criterion the note has evidence for. A criterion a rep already set is never overwritten by
 * the note (the server keeps it), so it is shown as kept rather than offered.
 */
export function noteSuggestions(
  analysis: ConversationAnalysisView,
  assessment: AssessmentView | undefined,
): Suggestion[] {
  return (analysis.criteria ?? [])
    .filter((c) => c.evidence.length > 0 && c.status !== 'unknown')
    .map((c) => {
      const strongest = [...c.evidence].sort((a, b) => b.confidence - a.confidence)[0]!;
      const current = assessment?.criteria.find((k) => k.key === c.criterion);
      const state: SuggestionState =
        current && current.status !== 'unknown' && current.source === 'rep'
          ? 'kept_by_rep'
          : current && current.source === 'extracted' && current.status === c.status
            ? 'already_applied'
            : 'suggested';
      return {
        criterion: c.criterion,
        label: c.label,
        status: c.status,
        sentence: strongest.text,
        reason: strongest.reason,
        confidence: c.confidence,
        state,
      };
    });
}
