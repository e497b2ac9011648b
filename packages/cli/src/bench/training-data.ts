import { createSeededRandom } from '@triage/core';

/**
 * A synthetic lead table for the training benchmark: numeric, categorical and yes/no columns with
 * missing values, and an outcome that depends on some of them (with an interaction and noise).
 */
export function syntheticLeads(rows: number, columns: number, seed: number) {
  const random = createSeededRandom(seed);
  const gaussian = () => {
    const u = Math.max(1e-12, random());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const kinds = Array.from({ length: columns }, (_, c) =>
    c % 3 === 0 ? 'numeric' : c % 3 === 1 ? 'categorical' : 'boolean',
  );
  const levelEffects = kinds.map((_, c) => Array.from({ length: 4 + (c % 20) }, () => gaussian() * 0.5));
  const records: Record<string, unknown>[] = [];
  const outcomes: boolean[] = [];
  for (let r = 0; r < rows; r++) {
    const record: Record<string, unknown> = {};
    let z = -1;
    for (let c = 0; c < columns; c++) {
      const name = `field_${c}`;
      const missing = c % 7 === 0 && random() < 0.2;
      if (kinds[c] === 'numeric') {
        const value = gaussian();
        record[name] = missing ? '' : (Math.round(Math.exp(value) * 1000) / 10).toString();
        if (!missing && c < 12) z += (c % 2 === 0 ? 0.6 : -0.4) * value;
        if (missing) z += 0.3;
      } else if (kinds[c] === 'categorical') {
        const effects = levelEffects[c]!;
        // Skewed level frequencies, as real picklists have.
        const level = Math.min(effects.length - 1, Math.floor(effects.length * random() * random()));
        record[name] = missing ? '' : `level ${level}`;
        if (!missing && c < 20) z += effects[level]!;
      } else {
        const yes = random() < 0.3;
        record[name] = yes ? 'Yes' : 'No';
        if (c < 10 && yes) z += 0.5;
      }
    }
    const first = Number(record.field_0 || 0);
    if (first > 150 && record.field_1 === 'level 0') z += 1.5;
    z += gaussian() * 0.5;
    records.push(record);
    outcomes.push(random() < 1 / (1 + Math.exp(-z)));
  }
  return { records, outcomes };
}
