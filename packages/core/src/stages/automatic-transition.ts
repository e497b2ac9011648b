import type { ScoringPolicy } from '../policy/scoring-policy';
import type { FitResult } from '../scoring/fit-score';
import { checkTransition } from './check-transition';
import { type DisqualificationReason, STAGE_LABELS, type Stage } from './stages';

export const AUTOMATIC_RULES = [
  'fit_and_engagement',
  'hand_raiser',
  'framework_pass',
  'recycled',
  'knockout',
] as const;
export type AutomaticRule = (typeof AUTOMATIC_RULES)[number];

export interface AutomaticTransition {
  to: Stage;
  rule: AutomaticRule;
  reason?: DisqualificationReason;
  /** A sentence a rep understands, with the numbers behind it. */
  why: string;
}

export interface AutomaticTransitionContext {
  stage: Stage;
  fit: FitResult;
  /** Decayed engagement now (see engagementAt). */
  engagement: number;
  /** The hand-raiser event that just arrived, if any. */
  handRaiser?: { type: string } | undefined;
  /** The lead's qualification framework verdict is "pass". */
  frameworkPassed?: boolean | undefined;
  /** The framework that passed, for the explanation; the policy's default if absent. */
  frameworkKey?: string | undefined;
  /** Its display name (e.g. "GPCTBA/C&I"); the key in capitals if absent. */
  frameworkName?: string | undefined;
  policy: ScoringPolicy;
}

const points = (n: number): string => (Math.round(n * 10) / 10).toString();

const PRE_QUALIFIED: readonly Stage[] = ['subscriber', 'lead'];

const handRaiserMove = (ctx: AutomaticTransitionContext): AutomaticTransition | null => {
  if (ctx.handRaiser === undefined) return null;
  const { eventTypes } = ctx.policy.engagement;
  const type = Object.hasOwn(eventTypes, ctx.handRaiser.type) ? eventTypes[ctx.handRaiser.type] : undefined;
  if (type?.handRaiser !== true) return null;
  const to = type.entryStage ?? 'mql';
  const what = type.label ?? ctx.handRaiser.type.replace(/_/g, ' ');
  return {
    to,
    rule: 'hand_raiser',
    why:
      `Raised a hand (${what}): ${STAGE_LABELS[to]} straight away, whatever the scores ` +
      `(fit ${ctx.fit.score}, engagement ${points(ctx.engagement)}).`,
  };
};

const propose = (ctx: AutomaticTransitionContext): AutomaticTransition | null => {
  const { stage, fit, engagement, policy } = ctx;
  const { mql, recycle } = policy.lifecycle;

  if (PRE_QUALIFIED.includes(stage)) {
    if (fit.knockedOut) {
      return {
        to: 'disqualified',
        rule: 'knockout',
        reason: 'not_icp',
        why: `Outside the ideal customer profile: ${fit.knockout?.text ?? 'a knock-out rule fired'}.`,
      };
    }
    const raised = handRaiserMove(ctx);
    if (raised !== null) return raised;
    if (fit.score >= mql.minFit && engagement >= mql.minEngagement) {
      return {
        to: 'mql',
        rule: 'fit_and_engagement',
        why:
          `Fit ${fit.score} reaches ${mql.minFit} and engagement ${points(engagement)} reaches ` +
          `${points(mql.minEngagement)}: marketing-qualified.`,
      };
    }
    return null;
  }

  if (stage === 'sal' && ctx.frameworkPassed === true) {
    const framework = ctx.frameworkName ?? (ctx.frameworkKey ?? policy.frameworks.default).toUpperCase();
    return {
      to: 'sql',
      rule: 'framework_pass',
      why: `The ${framework} qualification passed: sales-qualified.`,
    };
  }

  if (stage === 'nurture' && !fit.knockedOut) {
    const raised = handRaiserMove(ctx);
    if (raised !== null) return raised;
    if (engagement >= recycle.minEngagement) {
      return {
        to: 'mql',
        rule: 'recycled',
        why:
          `Engagement ${points(engagement)} reached the recycling threshold ${points(recycle.minEngagement)} ` +
          'while in nurture: back to marketing-qualified.',
      };
    }
  }
  // MQL/PQL/CQL wait for a rep; opportunity, customer, closed-lost and disqualified are people's calls.
  return null;
};

/**
 * Whether the lead's scores, a hand-raiser event or a framework verdict move it to another stage by
 * rule. Only ever moves forward (or out, on a knock-out) and only along the transition table; stages a
 * rep owns are never touched.
 */
export const decideAutomaticTransition = (ctx: AutomaticTransitionContext): AutomaticTransition | null => {
  const move = propose(ctx);
  if (move === null) return null;
  const check = checkTransition({ from: ctx.stage, to: move.to, reason: move.reason });
  return check.ok ? move : null;
};
