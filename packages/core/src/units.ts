/** Branded units so a 0–100 score is never passed where a probability or a duration is expected. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A 0–100 score (fit, engagement points are unbounded and stay plain numbers). */
export type Score = Brand<number, 'Score'>;
/** A probability in [0, 1]. */
export type Probability = Brand<number, 'Probability'>;
/** A duration or an instant in milliseconds (instants are epoch milliseconds). */
export type Millis = Brand<number, 'Millis'>;

export const asScore = (n: number): Score => Math.max(0, Math.min(100, n)) as Score;
export const asProbability = (n: number): Probability => Math.max(0, Math.min(1, n)) as Probability;
export const asMillis = (n: number): Millis => n as Millis;

export const MS_PER_DAY = 86_400_000 as Millis;
export const days = (n: number): Millis => (n * MS_PER_DAY) as Millis;
