import { MAX_EVIDENCE_CHARS } from '../frameworks/framework-schema';
import type { Assessment, FrameworkDefinition } from '../frameworks/framework-types';
import { aggregateStatus, conceptsCountingFor, isWeighed } from './concept-aggregate';
import type { ConversationAnalysis, CriterionFinding, EvidenceItem } from './signal-types';

/** Evidence for each criterion of `framework`, through the concepts the criterion names. */
export function mapEvidenceToCriteria(
  evidence: EvidenceItem[],
  framework: FrameworkDefinition,
): CriterionFinding[] {
  return framework.criteria.map((criterion) => {
    const concepts = new Set(criterion.concepts.flatMap(conceptsCountingFor));
    const seen = new Set<string>();
    const items = evidence.filter((item) => {
      if (!concepts.has(item.concept)) return false;
      // The same sentence may be evidence for two of the criterion's concepts (authority, economic buyer).
      const key = `${item.span[0]}|${item.status}|${JSON.stringify(item.value ?? null)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const { status, confidence } = aggregateStatus(items, isWeighed(criterion.concepts));
    return { criterion: criterion.key, label: criterion.label, status, evidence: items, confidence };
  });
}

function evidenceText(items: EvidenceItem[]): string {
  const sentences = [...new Set(items.map((item) => item.text))];
  const joined = sentences.join(' … ');
  return joined.length <= MAX_EVIDENCE_CHARS ? joined : `${joined.slice(0, MAX_EVIDENCE_CHARS - 1)}…`;
}

/**
 * The analysis as a framework assessment, `source: 'extracted'`. Criteria with no evidence are left out,
 * so merging it into a stored assessment never turns a known criterion back to unknown.
 */
export function evidenceToAssessment(
  analysis: ConversationAnalysis,
  framework: FrameworkDefinition,
): Assessment {
  const findings = analysis.criteria ?? mapEvidenceToCriteria(analysis.evidence, framework);
  const assessment: Assessment = {};
  for (const finding of findings) {
    if (finding.status === 'unknown' || !framework.criteria.some((c) => c.key === finding.criterion))
      continue;
    assessment[finding.criterion] = {
      status: finding.status,
      evidence: evidenceText(finding.evidence),
      source: 'extracted',
      confidence: finding.confidence,
    };
  }
  return assessment;
}
