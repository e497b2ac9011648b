import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './default-policy';
import { parseScoringPolicy } from './scoring-policy';

// Fuzzing the validator: whatever arrives in an API body, the answer is a policy or a list of issues
// that each name a path, never an exception. On failure fast-check prints { seed, path } to replay.

/** Replaces one value somewhere inside the default policy with arbitrary JSON. */
const mutatedPolicyArb = fc.tuple(fc.nat(), fc.jsonValue()).map(([pick, replacement]) => {
  const copy: unknown = structuredClone(DEFAULT_POLICY);
  const slots: [Record<string, unknown>, string][] = [];
  const walk = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      slots.push([node as Record<string, unknown>, key]);
      walk(child);
    }
  };
  walk(copy);
  const slot = slots[pick % slots.length];
  if (slot !== undefined) slot[0][slot[1]] = replacement;
  return copy;
});

describe('parseScoringPolicy fuzzing', () => {
  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(parseScoringPolicy(input).ok).toBe(false);
      }),
    );
  });

  it('answers a damaged default policy with a valid policy or issues that say where and what', () => {
    fc.assert(
      fc.property(mutatedPolicyArb, (input) => {
        const parsed = parseScoringPolicy(input);
        if (parsed.ok) return;
        expect(parsed.issues.length).toBeGreaterThan(0);
        for (const issue of parsed.issues) expect(issue.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
