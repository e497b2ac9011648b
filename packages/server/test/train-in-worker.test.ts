import { DEFAULT_POLICY } from '@triage/core';
import { describe, expect, it } from 'vitest';
import { type TrainingInput, trainTenantModel } from '../src/modules/predictive/model-training';
import { trainInWorker } from '../src/modules/predictive/train-in-worker';

/** A table where referral leads convert three times as often as the others. */
function plantedTable(count: number): TrainingInput {
  let state = 5;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const rows: Record<string, unknown>[] = [];
  const outcomes: boolean[] = [];
  for (let i = 0; i < count; i++) {
    const source = ['referral', 'ads', 'website'][Math.floor(random() * 3)]!;
    rows.push({ 'lead.source': source, 'account.employees': Math.floor(random() * 500) });
    outcomes.push(random() < (source === 'referral' ? 0.6 : 0.2));
  }
  return {
    rows,
    outcomes,
    engagement: DEFAULT_POLICY.engagement,
    settings: { fields: null, excluded: [] },
    seed: 3,
  };
}

describe('training in a worker thread', () => {
  it('gives the same model as training on the main thread', async () => {
    const input = plantedTable(600);
    const inWorker = await trainInWorker(input);
    const here = trainTenantModel(input);
    expect(JSON.stringify(inWorker.model)).toBe(JSON.stringify(here.model));
    expect(inWorker.metrics).toEqual(here.metrics);
    expect(inWorker.features.used.map((f) => f.name)).toContain('lead.source');
  }, 60_000);

  it('keeps the event loop free while it trains', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    let finished = false;
    const training = trainInWorker(plantedTable(2_000)).then((output) => {
      finished = true;
      return output;
    });
    // A timer callback that runs after the training started and before it finished proves the main thread was free.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ticksWhileTraining = ticks;
    const stillTraining = !finished;
    await training;
    clearInterval(timer);
    expect(stillTraining).toBe(true);
    expect(ticksWhileTraining).toBeGreaterThan(0);
  }, 60_000);

  it('brings back the reason a training cannot be done', async () => {
    const input = plantedTable(600);
    await expect(trainInWorker({ ...input, settings: { fields: [], excluded: [] } })).rejects.toThrow(
      /no usable fields/,
    );
  }, 60_000);
});
