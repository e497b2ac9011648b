import type { LeadPredictive } from '@triage/contracts';

export interface PredictiveSummary {
  /** "34%" from a trained model; null in cold start, where the score is not a probability. */
  probability: string | null;
  raising: string[];
  lowering: string[];
}

const points = (n: number) => `${Math.abs(Math.round(n * 10) / 10)} point${Math.abs(n) === 1 ? '' : 's'}`;

/** The predictive score in words: the largest factors pushing the chance up and down, three of each. */
export function summarizePredictive(predictive: LeadPredictive): PredictiveSummary {
  const sorted = [...predictive.contributions].sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  return {
    probability:
      predictive.status === 'model' && predictive.probability !== null
        ? `${Math.round(predictive.probability * 1000) / 10}%`
        : null,
    raising: sorted
      .filter((c) => c.points > 0)
      .slice(0, 3)
      .map((c) => `${c.label} raises it by ${points(c.points)}`),
    lowering: sorted
      .filter((c) => c.points < 0)
      .slice(0, 3)
      .map((c) => `${c.label} lowers it by ${points(c.points)}`),
  };
}
