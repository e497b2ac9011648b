import { describe, expect, it } from 'vitest';
import { compileEncoder, encodeDataset, fitEncoders, linearWidth, treeColumns } from './feature-encoder';
import type { FieldSpec } from './field-spec';
import { fitImpactEncodings } from './impact-encoding';
import { createRandom } from './random';

const fields: FieldSpec[] = [
  { name: 'company', kind: 'categorical' },
  { name: 'source', kind: 'categorical' },
];

/** 40 frequent companies and 300 rare ones; companies named "good …" convert far more often. */
function leads(count: number, seed: number) {
  const random = createRandom(seed);
  const rows: Record<string, unknown>[] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const rare = random() < 0.4;
    const id = rare ? 100 + Math.floor(random() * 300) : Math.floor(random() * 40);
    const good = id % 3 === 0;
    rows.push({ company: `${good ? 'good' : 'plain'} ${id}`, source: random() < 0.5 ? 'Web' : 'Ads' });
    labels.push(random() < (good ? 0.7 : 0.2) ? 1 : 0);
  }
  return { rows, labels: Uint8Array.from(labels) };
}

describe('impact encoding', () => {
  const { rows, labels } = leads(6000, 3);
  const fitted = fitImpactEncodings(rows, labels, fitEncoders(rows, fields), 1);
  const [company, source] = fitted.encoders;

  it('gives an extra input to a field with many rare values, and none to a short picklist', () => {
    expect(company?.kind === 'categorical' && company.impact).toBeTruthy();
    expect(source?.kind === 'categorical' && source.impact).toBeFalsy();
    expect(treeColumns(fitted.encoders)).toHaveLength(3);
    expect(linearWidth(company!)).toBe(linearWidth({ ...company!, impact: undefined } as never) + 1);
  });

  it('ranks rare converting values above rare non-converting ones when scoring', () => {
    const compiled = compileEncoder(company!);
    const impactBin = (name: string) => {
      const out = new Uint8Array(2);
      compiled.writeBins({ company: name }, out, 0);
      return out[1]!;
    };
    const rareIds = Array.from({ length: 300 }, (_, i) => 100 + i);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const good = rareIds.filter((id) => id % 3 === 0).map((id) => impactBin(`good ${id}`));
    const plain = rareIds.filter((id) => id % 3 !== 0).map((id) => impactBin(`plain ${id}`));
    expect(mean(good)).toBeGreaterThan(mean(plain) + 10);
    expect(impactBin('never seen before')).toBeGreaterThan(0);
    expect(impactBin('')).toBe(0);
  });

  it('never lets a training row see its own outcome', () => {
    // One row per value: out of fold, no value has any history, so every training shift is 0.
    const unique = Array.from({ length: 400 }, (_, i) => ({ company: `company ${i}` }));
    const outcomes = Uint8Array.from(unique, (_, i) => i % 2);
    const encoders = fitEncoders(unique, [{ name: 'company', kind: 'categorical' }]);
    const fit = fitImpactEncodings(unique, outcomes, encoders, 1);
    const shifts = fit.trainingShifts.get(0);
    expect(shifts).toBeDefined();
    expect([...shifts!].every((shift) => shift === 0)).toBe(true);
  });

  it('is the same after a JSON round trip and encodes training rows with their out-of-fold shifts', () => {
    const restored = JSON.parse(JSON.stringify(fitted.encoders));
    expect(restored).toEqual(fitted.encoders);
    const data = encodeDataset(fitted.encoders, rows, fitted.trainingShifts);
    expect(data.columns).toHaveLength(3);
    expect(data.bins.length).toBe(rows.length * 3);
  });
});
