/** A small seeded generator (mulberry32): the same seed gives the same workload on every run and target. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from weighted choices with a random number in [0, 1). */
export function weightedPicker<T>(choices: readonly (readonly [T, number])[]): (r: number) => T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  return (r) => {
    let left = r * total;
    for (const [value, weight] of choices) {
      left -= weight;
      if (left < 0) return value;
    }
    return choices.at(-1)![0];
  };
}

/**
 * The event mix of the benches: mostly browsing and email (capped types), some content and webinars, and a
 * few hand-raisers (demo, trial, contact sales) that move leads between stages.
 */
export const EVENT_MIX = [
  ['page_view', 35],
  ['email_open', 15],
  ['email_click', 10],
  ['pricing_page_view', 10],
  ['content_download', 8],
  ['product_usage', 8],
  ['webinar_attended', 4],
  ['form_submit', 4],
  ['meeting_held', 2],
  ['demo_request', 2],
  ['trial_signup', 1],
  ['contact_sales', 1],
] as const satisfies readonly (readonly [string, number])[];

export const pickEventType = weightedPicker<string>(EVENT_MIX);
