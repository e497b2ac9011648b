import {
  CONCEPTS,
  type ConversationAnalysis,
  type EvidenceItem,
  type FrameworkDefinition,
  type NormalizedValue,
} from '@triage/core';

const STATUS_LABEL = { met: 'met', partial: 'partial', not_met: 'not met', unknown: 'unknown' } as const;

function formatValue(value: NormalizedValue | undefined): string {
  if (!value) return '';
  switch (value.kind) {
    case 'money': {
      const amount = (n: number) => n.toLocaleString('en-US');
      const range = value.min === value.max ? amount(value.min) : `${amount(value.min)}–${amount(value.max)}`;
      return ` [${value.approximate ? '~' : ''}${range} ${value.currency ?? '(no currency)'}${value.period ? ` per ${value.period}` : ''}]`;
    }
    case 'date_range':
      return ` [${value.start === value.end ? value.start : `${value.start} → ${value.end}`}]`;
    case 'person':
      return ` [${value.self ? 'the contact' : value.role}]`;
    case 'vendor':
      return ` [${value.name}]`;
    case 'quantity':
      return ` [${value.value} ${value.unit}]`;
  }
}

function evidenceLines(text: string, items: EvidenceItem[]): string[] {
  return items.map((item) => {
    const quote = text.slice(item.focus[0], item.focus[1]).replace(/\s+/g, ' ').trim();
    return `    • ${STATUS_LABEL[item.status]}: "${quote}"${formatValue(item.value)}: ${item.reason}`;
  });
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
const label = (concept: string) => concept.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** The analysis as text a rep can read in a terminal. */
export function formatAnalysis(
  text: string,
  analysis: ConversationAnalysis,
  framework?: FrameworkDefinition,
): string {
  const lines: string[] = [`Conversation analysis (reference date ${analysis.referenceDate})`, ''];
  if (framework && analysis.criteria) {
    lines.push(`Evidence by ${framework.name} criterion`);
    for (const finding of analysis.criteria) {
      const confidence = finding.status === 'unknown' ? '' : ` (confidence ${finding.confidence.toFixed(2)})`;
      lines.push(`  ${finding.label}: ${STATUS_LABEL[finding.status]}${confidence}`);
      lines.push(...evidenceLines(text, finding.evidence));
    }
  } else {
    lines.push('Evidence by concept');
    const known = CONCEPTS.filter((concept) => analysis.concepts[concept].status !== 'unknown');
    if (known.length === 0) lines.push('  (nothing found)');
    for (const concept of known) {
      const summary = analysis.concepts[concept];
      lines.push(
        `  ${label(concept)}: ${STATUS_LABEL[summary.status]} (confidence ${summary.confidence.toFixed(2)})`,
      );
      const counted = concept === 'need' ? ['need', 'pain'] : [concept];
      lines.push(
        ...evidenceLines(
          text,
          analysis.evidence.filter((item) => counted.includes(item.concept)),
        ),
      );
    }
  }

  lines.push('', 'Red flags');
  if (analysis.redFlags.length === 0) lines.push('  (none)');
  for (const flag of analysis.redFlags)
    lines.push(`  ! ${label(flag.kind)}: "${flag.text.trim()}": ${flag.reason}`);
  lines.push('', 'Good signs');
  if (analysis.goodSigns.length === 0) lines.push('  (none)');
  for (const sign of analysis.goodSigns)
    lines.push(`  + ${label(sign.kind)}: "${sign.text.trim()}": ${sign.reason}`);

  const open = analysis.questions.filter((q) => q.kind === 'open').length;
  lines.push('', `Question coaching (${open} open, ${analysis.questions.length - open} closed)`);
  if (analysis.questions.length === 0) lines.push('  (no questions found)');
  for (const question of analysis.questions) {
    lines.push(`  ${question.kind.padEnd(6)} "${question.text}"`);
    if (question.suggestion) lines.push(`         try instead: "${question.suggestion}"`);
  }
  lines.push(
    '',
    analysis.talkRatio
      ? `Talk ratio: rep ${percent(analysis.talkRatio.rep)}, prospect ${percent(analysis.talkRatio.prospect)} (${analysis.talkRatio.repWords} and ${analysis.talkRatio.prospectWords} words)`
      : 'Talk ratio: not available (no speaker turns on both sides)',
  );
  return lines.join('\n');
}
