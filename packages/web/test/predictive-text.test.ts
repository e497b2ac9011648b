import { describe, expect, it } from 'vitest';
import { summarizePredictive } from '../src/logic/predictive-text';

describe('predictive score in words', () => {
  it('gives the probability and the largest factors up and down', () => {
    const summary = summarizePredictive({
      status: 'model',
      probability: 0.3412,
      score: 34,
      modelVersion: 3,
      explanation: '34% chance to convert',
      contributions: [
        { label: 'Industry is fintech', points: 6.2 },
        { label: 'Source is paid search', points: -4 },
        { label: 'Demo requested', points: 12 },
        { label: 'Free-mail address', points: -1 },
      ],
    });
    expect(summary.probability).toBe('34.1%');
    expect(summary.raising).toEqual([
      'Demo requested raises it by 12 points',
      'Industry is fintech raises it by 6.2 points',
    ]);
    expect(summary.lowering).toEqual([
      'Source is paid search lowers it by 4 points',
      'Free-mail address lowers it by 1 point',
    ]);
  });

  it('never shows a percentage in cold start', () => {
    const summary = summarizePredictive({
      status: 'cold_start',
      probability: null,
      score: 55,
      modelVersion: null,
      explanation: 'Not enough history yet',
      contributions: [{ label: 'Fit', points: 30 }],
    });
    expect(summary.probability).toBeNull();
  });
});
