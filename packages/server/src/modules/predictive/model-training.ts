import type { ModelMetrics } from '@triage/contracts';
import {
  type EngagementPolicy,
  predictiveReadiness,
  type TrainedModel,
  trainPredictiveModel,
} from '@triage/core';
import { chooseFeatureFields, type PredictiveFieldSettings } from './lead-features';
import { evaluateOnLatestOutcomes } from './model-evaluation';

/** What a training needs once the data is loaded: plain data, so it can cross to a worker thread. */
export interface TrainingInput {
  /** Feature rows of the closed leads, oldest outcome first. */
  rows: Record<string, unknown>[];
  outcomes: boolean[];
  engagement: EngagementPolicy;
  settings: PredictiveFieldSettings;
  seed: number;
}

export interface TrainingOutput {
  model: TrainedModel;
  metrics: ModelMetrics;
  won: number;
  lost: number;
  features: {
    used: { name: string; label: string; kind: string }[];
    excluded: { name: string; reason: string }[];
  };
}

/**
 * The CPU part of a training (seconds to tens of seconds on a large workspace): picks the fields, measures
 * the setup on the most recent outcomes, trains on all of them. Throws with a reason a person can read.
 */
export function trainTenantModel(input: TrainingInput): TrainingOutput {
  const { rows, outcomes, seed } = input;
  const won = outcomes.filter(Boolean).length;
  const readiness = predictiveReadiness({ won, lost: outcomes.length - won });
  if (!readiness.ready) throw new Error(readiness.reason);
  const choice = chooseFeatureFields(rows, input.engagement, input.settings);
  if (choice.fields.length === 0) throw new Error('no usable fields: every field is excluded or constant');
  const metrics = evaluateOnLatestOutcomes(rows, outcomes, choice.fields, seed);
  const model = trainPredictiveModel(rows, outcomes, { fields: choice.fields, seed, timeOrdered: true });
  return {
    model,
    metrics,
    won,
    lost: outcomes.length - won,
    features: {
      used: model.fields.map((field) => ({
        name: field.name,
        label: field.label ?? field.name,
        kind: field.kind,
      })),
      excluded: [...model.excludedFields, ...choice.skipped],
    },
  };
}
