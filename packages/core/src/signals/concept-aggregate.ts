import { CONCEPTS, type Concept } from '../frameworks/concepts';
import type { ConceptSummary, EvidenceItem, EvidenceStatus } from './signal-types';

/**
 * Concepts where one clear statement settles it: once a decider is named, a vaguer remark elsewhere does
 * not undo it. For budget, need, timeline, champion and interest, statements are weighed instead.
 */
const FIRST_MET_WINS: ReadonlySet<Concept> = new Set<Concept>([
  'authority',
  'economic_buyer',
  'competition',
  'paper_process',
  'decision_process',
  'decision_criteria',
  'metrics',
  'goals',
  'plans',
  'negative_consequences',
  'positive_implications',
]);

const ORDER: Record<EvidenceStatus, number> = { met: 3, partial: 2, not_met: 1 };

/** A gap in confidence below which conflicting statements make the concept partial. */
const CLEAR_WINNER = 0.15;

/**
 * The status of a concept (or a criterion) from its evidence. Weighed concepts: the most confident
 * statement wins when it is clearly more confident than any statement that disagrees; close calls
 * between disagreeing statements give `partial`. Later statements win ties (people correct themselves).
 */
export function aggregateStatus(items: EvidenceItem[], weighed: boolean): ConceptSummary {
  if (items.length === 0) return { status: 'unknown', confidence: 0 };
  if (!weighed) {
    const best = Math.max(...items.map((item) => ORDER[item.status]));
    const chosen = items.filter((item) => ORDER[item.status] === best);
    return {
      status: chosen[0]?.status ?? 'unknown',
      confidence: Math.max(...chosen.map((item) => item.confidence)),
    };
  }
  const ranked = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.confidence - a.item.confidence || b.index - a.index);
  const top = ranked[0]?.item;
  if (!top) return { status: 'unknown', confidence: 0 };
  const rival = ranked.find(({ item }) => item.status !== top.status)?.item;
  if (!rival || top.confidence - rival.confidence >= CLEAR_WINNER) {
    return { status: top.status, confidence: top.confidence };
  }
  return { status: 'partial', confidence: Math.round(((top.confidence + rival.confidence) / 2) * 50) / 100 };
}

export function isWeighed(concepts: readonly Concept[]): boolean {
  return concepts.some((concept) => !FIRST_MET_WINS.has(concept));
}

/** The concepts whose evidence counts for `concept`: a stated pain is evidence of need. */
export function conceptsCountingFor(concept: Concept): Concept[] {
  return concept === 'need' ? ['need', 'pain'] : [concept];
}

export function summarizeConcepts(evidence: EvidenceItem[]): Record<Concept, ConceptSummary> {
  const summary = {} as Record<Concept, ConceptSummary>;
  for (const concept of CONCEPTS) {
    const counted = conceptsCountingFor(concept);
    const items = evidence.filter((item) => counted.includes(item.concept));
    summary[concept] = aggregateStatus(items, isWeighed([concept]));
  }
  return summary;
}
