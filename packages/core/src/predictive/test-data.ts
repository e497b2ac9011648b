import { sigmoid } from './logistic-math';
import { createRandom } from './random';

/**
 * Synthetic leads with a known answer, for tests: the true conversion probability is
 * sigmoid(1.5·x − 1 + 1.2·[source = referral] − 0.8·[source = ads]) unless `interaction`, where
 * conversion is an exclusive-or of two flags that no additive model can express.
 */
export function knownAnswerLeads(
  count: number,
  seed: number,
  shape: 'additive' | 'interaction' = 'additive',
) {
  const random = createRandom(seed);
  const rows: Record<string, unknown>[] = [];
  const outcomes: boolean[] = [];
  const truth: number[] = [];
  for (let i = 0; i < count; i++) {
    const x = random() * 4 - 2;
    const source = ['referral', 'ads', 'web', 'event'][Math.floor(random() * 4)]!;
    const a = random() < 0.5;
    const b = random() < 0.5;
    const p =
      shape === 'additive'
        ? sigmoid(1.5 * x - 1 + (source === 'referral' ? 1.2 : 0) - (source === 'ads' ? 0.8 : 0))
        : a !== b
          ? 0.9
          : 0.1;
    rows.push({
      visits: i % 17 === 0 ? '' : x.toFixed(3),
      source: i % 23 === 0 ? null : source,
      flag_a: a ? 'Yes' : 'No',
      flag_b: b ? 'Yes' : 'No',
      noise: ['x', 'y', 'z'][Math.floor(random() * 3)],
    });
    truth.push(p);
    outcomes.push(random() < p);
  }
  return { rows, outcomes, truth };
}

export const KNOWN_FIELDS = [
  { name: 'visits', kind: 'numeric', label: 'Visits' },
  { name: 'source', kind: 'categorical', label: 'Lead source' },
  { name: 'flag_a', kind: 'boolean' },
  { name: 'flag_b', kind: 'boolean' },
  { name: 'noise', kind: 'categorical' },
] as const;
