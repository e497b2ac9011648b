import { describe, expect, it } from 'vitest';
import { compileEncoder, fitEncoders } from './feature-encoder';

const rows = [
  ...Array.from({ length: 30 }, () => ({ source: 'Referral', amount: '1,200' })),
  ...Array.from({ length: 30 }, () => ({ source: 'Web', amount: '300' })),
  { source: 'Fax', amount: '' },
  { source: 'Select', amount: 'n/a' },
];
const [source, amount] = fitEncoders(rows, [
  { name: 'source', kind: 'categorical', label: 'Lead source' },
  { name: 'amount', kind: 'numeric' },
]);

describe('fitEncoders', () => {
  it('keeps frequent levels and pools rare ones', () => {
    expect(source).toMatchObject({
      kind: 'categorical',
      levels: ['referral', 'web'],
      display: ['Referral', 'Web'],
    });
  });

  it('puts missing values in bin 0 and unseen or rare levels in the shared "other" bin', () => {
    const compiled = compileEncoder(source!);
    const bin = (value: unknown) => {
      const out = new Uint8Array(1);
      compiled.writeBins({ source: value }, out, 0);
      return out[0];
    };
    expect(bin('referral ')).toBe(1);
    expect(bin('')).toBe(0);
    expect(bin('Select')).toBe(0);
    expect(bin(undefined)).toBe(0);
    expect(bin('Fax')).toBe(3);
    expect(bin('Carrier pigeon')).toBe(3);
    expect(compiled.describe({ source: 'Carrier pigeon' })).toBe('Carrier pigeon');
    expect(compiled.describe({})).toBe('(missing)');
  });

  it('reads numbers with separators and keeps missing numbers apart from zero', () => {
    const compiled = compileEncoder(amount!);
    const bins = (value: unknown) => {
      const out = new Uint8Array(1);
      compiled.writeBins({ amount: value }, out, 0);
      return out[0];
    };
    expect(bins('1,200')).toBe(bins(1200));
    expect(bins('1,200')).toBeGreaterThan(bins('300')!);
    expect(bins('')).toBe(0);
    expect(bins(0)).not.toBe(0);
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify([source, amount]))).toEqual([source, amount]);
  });
});
