import { describe, expect, it } from 'vitest';
import { fitStack } from './calibration';
import { sigmoid } from './logistic-math';
import { createRandom } from './random';

function stackedData(count: number) {
  const random = createRandom(5);
  const first: number[] = [];
  const second: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const a = random() * 6 - 3;
    const b = random() * 6 - 3;
    first.push(a);
    second.push(b);
    labels.push(random() < sigmoid(0.8 * a + 0.3 * b - 0.5) ? 1 : 0);
  }
  return { first, second, labels };
}

describe('stacking weights', () => {
  it('recover how much each learner’s log-odds is worth', () => {
    const { first, second, labels } = stackedData(20_000);
    const stack = fitStack([first, second], labels);
    expect(stack.weights[0]).toBeCloseTo(0.8, 1);
    expect(stack.weights[1]).toBeCloseTo(0.3, 1);
    expect(stack.offset).toBeCloseTo(-0.5, 1);
  });

  it('split the weight between two copies of the same learner instead of blowing up', () => {
    const { first, labels } = stackedData(5000);
    const stack = fitStack([first, first], labels);
    expect(stack.weights[0]).toBeCloseTo(stack.weights[1]!, 6);
    expect(stack.weights[0]! + stack.weights[1]!).toBeCloseTo(0.8, 1);
  });
});
