import { asScore, decideAutomaticTransition, engagementAt, type FitResult, type Stage } from '@triage/core';
import type { LeadRow } from '../leads/lead-row';
import type { ActivePolicy } from '../policy/policy.service';
import type { NewTransition } from './transitions.repository';

/** Asks core whether the lead's new scores move it, and phrases the answer as a transition made by a rule. */
export function decideStageAfterScoring(
  lead: Pick<LeadRow, 'id' | 'stage' | 'engagementValue' | 'engagementAsOf'>,
  fit: FitResult,
  engagementNow: number | undefined,
  handRaiser: { type: string } | undefined,
  policy: ActivePolicy,
  at: Date,
  /** The framework whose assessment just passed, named in the explanation. */
  passedFramework?: { key: string; name: string },
): NewTransition | null {
  const engagement =
    engagementNow ??
    engagementAt(
      { value: lead.engagementValue, asOf: lead.engagementAsOf },
      at.getTime(),
      policy.policy.engagement,
    );
  const decision = decideAutomaticTransition({
    stage: lead.stage as Stage,
    fit,
    engagement,
    handRaiser,
    ...(passedFramework
      ? { frameworkPassed: true, frameworkKey: passedFramework.key, frameworkName: passedFramework.name }
      : {}),
    policy: policy.policy,
  });
  if (!decision) return null;
  return {
    leadId: lead.id,
    fromStage: lead.stage,
    toStage: decision.to,
    reason: decision.reason ?? null,
    note: null,
    actorKind: 'rule',
    actorId: `policy:${policy.version}`,
    rule: decision.rule,
    why: decision.why,
    at,
  };
}

/** The fit as stored on the lead: enough for the stage rules, which read the score and the knock-out only. */
export function storedFit(lead: { fitScore: number; fitKnockedOut: boolean }): FitResult {
  return { score: asScore(lead.fitScore), knockedOut: lead.fitKnockedOut, lines: [] };
}
