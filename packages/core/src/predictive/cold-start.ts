import { type PredictiveScore, scoreWithModel } from './model-scorer';
import type { TrainedModel } from './predictive-model';

/**
 * Below this many closed (won + lost) leads the learned score is not shown: a probability fitted to
 * a few dozen deals swings with every new deal and would look more certain than it is. (Salesforce
 * asks for 1,000 leads with 120 conversions; with calibration and held-out validation, 200 closed
 * leads with 40 of each outcome is where our held-out metrics stop being noise.)
 */
export const MIN_CLOSED_LEADS_FOR_MODEL = 200;
/** Each outcome must also be represented this often. */
export const MIN_OUTCOMES_PER_CLASS = 40;

export type OutcomeCounts = { won: number; lost: number };

export type PredictiveReadiness = { ready: boolean; reason: string };

export function predictiveReadiness(counts: OutcomeCounts): PredictiveReadiness {
  const closed = counts.won + counts.lost;
  if (closed < MIN_CLOSED_LEADS_FOR_MODEL) {
    return {
      ready: false,
      reason: `only ${closed} closed leads so far; the predictive model needs ${MIN_CLOSED_LEADS_FOR_MODEL}, so the score uses fit and engagement`,
    };
  }
  const fewer = counts.won < counts.lost ? 'won' : 'lost';
  const fewest = Math.min(counts.won, counts.lost);
  if (fewest < MIN_OUTCOMES_PER_CLASS) {
    return {
      ready: false,
      reason: `only ${fewest} ${fewer} leads so far; the predictive model needs ${MIN_OUTCOMES_PER_CLASS} of each outcome, so the score uses fit and engagement`,
    };
  }
  return {
    ready: true,
    reason: `${closed} closed leads (${counts.won} won, ${counts.lost} lost) are enough to learn from`,
  };
}

export type ColdStartInput = {
  /** Fit score, 0–100. */
  fitScore: number;
  /** Decayed engagement points (unbounded). */
  engagementPoints: number;
  /** Engagement points that count as ~63 % of full heat (default 50). */
  engagementScale?: number;
  /** Share of the fallback score that comes from fit (default 0.6). */
  fitWeight?: number;
};

export type ColdStartScore = {
  mode: 'cold-start';
  /** 0–100 ranking score: not a probability, and never shown as one. */
  score: number;
  probability: null;
  parts: { label: string; points: number }[];
  reason: string;
};

/** The fallback before there is enough history: a blend of fit and engagement on a 0–100 scale. */
export function coldStartScore(
  input: ColdStartInput,
  reason = 'not enough closed leads to learn from yet',
): ColdStartScore {
  const fitWeight = input.fitWeight ?? 0.6;
  const scale = input.engagementScale ?? 50;
  const fit = Math.max(0, Math.min(100, input.fitScore));
  const engagement = 100 * (1 - Math.exp(-Math.max(0, input.engagementPoints) / scale));
  const parts = [
    { label: `Fit ${Math.round(fit)}/100`, points: fitWeight * fit },
    { label: `Engagement ${Math.round(engagement)}/100`, points: (1 - fitWeight) * engagement },
  ];
  return { mode: 'cold-start', score: parts[0]!.points + parts[1]!.points, probability: null, parts, reason };
}

export type ModelScore = PredictiveScore & { mode: 'model'; reason: string };

export type LeadPredictiveInput = ColdStartInput & {
  /** The tenant's current model, if one was trained. */
  model: TrainedModel | null;
  /** Closed-lead counts of the tenant now (the model may be older). */
  outcomes: OutcomeCounts;
  row: Record<string, unknown>;
};

/** The decision the server makes on every lead change: the model's probability, or the fallback and why. */
export function leadPredictiveScore(input: LeadPredictiveInput): ModelScore | ColdStartScore {
  if (!input.model) {
    const readiness = predictiveReadiness(input.outcomes);
    return coldStartScore(input, readiness.ready ? 'no model has been trained yet' : readiness.reason);
  }
  const trained = {
    won: input.model.training.positives,
    lost: input.model.training.rows - input.model.training.positives,
  };
  const readiness = predictiveReadiness(trained);
  if (!readiness.ready) return coldStartScore(input, readiness.reason);
  return { mode: 'model', reason: readiness.reason, ...scoreWithModel(input.model, input.row) };
}
