import { describe, expect, it } from 'vitest';
import { findMoneyMentions } from './money-extract';

const amounts = (text: string) =>
  findMoneyMentions(text).map(({ value }) => [value.min, value.max, value.currency, value.period]);

describe('findMoneyMentions', () => {
  it('reads k and m suffixes and currency symbols, codes and words', () => {
    expect(amounts('about $50k set aside')).toEqual([[50000, 50000, 'USD', null]]);
    expect(amounts('total spend ~$1.2m a year')).toEqual([[1200000, 1200000, 'USD', 'year']]);
    expect(amounts('Budget 200k PLN per year')).toEqual([[200000, 200000, 'PLN', 'year']]);
    expect(amounts('We have 90k dollars and CHF 45,000')).toEqual([
      [90000, 90000, 'USD', null],
      [45000, 45000, 'CHF', null],
    ]);
    expect(amounts('€8.5k per month')).toEqual([[8500, 8500, 'EUR', 'month']]);
    expect(amounts('¥3,000,000 budgeted')).toEqual([[3000000, 3000000, 'JPY', null]]);
  });

  it('shares the multiplier and currency across a range', () => {
    expect(amounts('around €30-40k')).toEqual([[30000, 40000, 'EUR', null]]);
    expect(amounts('CAD 20-25k')).toEqual([[20000, 25000, 'CAD', null]]);
    expect(amounts('$120k–$150k per year')).toEqual([[120000, 150000, 'USD', 'year']]);
    expect(amounts('between fifty and seventy thousand euros')).toEqual([[50000, 70000, 'EUR', null]]);
  });

  it('reads amounts in words and leaves the currency unknown when none is said', () => {
    expect(amounts('about 30 grand a year')).toEqual([[30000, 30000, null, 'year']]);
    expect(amounts('half a million on ads')).toEqual([[500000, 500000, null, null]]);
  });

  it('gives one currency to every amount in a sentence that names only one', () => {
    expect(amounts('USD 75,000 for year one, 60k for year two')).toEqual([
      [75000, 75000, 'USD', null],
      [60000, 60000, 'USD', null],
    ]);
  });

  it('does not read counts, quarters or percentages as money', () => {
    expect(amounts('About 3,000 leads in Q3, 40% of them duplicates, B2B')).toEqual([]);
  });
});
