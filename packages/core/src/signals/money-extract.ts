import type { Currency, MoneyValue } from './signal-types';

export interface MoneyMention {
  /** Offsets relative to the text searched. */
  start: number;
  end: number;
  value: MoneyValue;
}

const SYMBOLS: [RegExp, Currency][] = [
  [/^(?:US\$|\$)$/, 'USD'],
  [/^A\$$/, 'AUD'],
  [/^C\$$/, 'CAD'],
  [/^€$/, 'EUR'],
  [/^£$/, 'GBP'],
  [/^¥$/, 'JPY'],
  [/^₹$/, 'INR'],
];

const CURRENCY_WORDS: [RegExp, Currency][] = [
  [/^(?:usd|dollars?|bucks)$/i, 'USD'],
  [/^(?:eur|euros?)$/i, 'EUR'],
  [/^(?:gbp|pounds?|quid)$/i, 'GBP'],
  [/^(?:chf|francs?)$/i, 'CHF'],
  [/^(?:jpy|yen)$/i, 'JPY'],
  [/^(?:inr|rupees?)$/i, 'INR'],
  [/^aud$/i, 'AUD'],
  [/^cad$/i, 'CAD'],
  [/^(?:pln|zloty|złoty|zł)$/i, 'PLN'],
  [/^sek$/i, 'SEK'],
  [/^nok$/i, 'NOK'],
  [/^dkk$/i, 'DKK'],
];

const WORD_VALUES: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  a: 1,
  half: 0.5,
};

const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  grand: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

const PREFIX = String.raw`(?<prefix>US\$|A\$|C\$|[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|JPY|INR|AUD|CAD|PLN|SEK|NOK|DKK)\b)?\s?`;
const NUMBER = String.raw`(?<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|a|half a|a hundred|hundred)(?=\s+(?:thousand|grand|million|billion|hundred)\b|\s+(?:and|to|or)\s+\w+\s+(?:thousand|million)\b))`;
const MULTIPLIER = String.raw`(?:\s?(?<mult>k|K|mm|MM|m|M|mn|bn|b|B)\b|\s+(?<multWord>thousand|grand|million|billion)\b)?`;
const SUFFIX = String.raw`(?:\s?(?<suffix>USD|EUR|GBP|CHF|JPY|INR|AUD|CAD|PLN|SEK|NOK|DKK|dollars?|euros?|pounds?|bucks|francs?|yen|rupees?|zloty|złoty|zł)\b)?`;
const AMOUNT = new RegExp(`${PREFIX}${NUMBER}${MULTIPLIER}${SUFFIX}`, 'g');

const PERIOD_AFTER =
  /^\s*(?:(?:per|a|an|\/)\s*(?:seat\s+(?:per|a)\s+)?(?<unit>month|mo|year|yr|annum)\b|(?<adverb>monthly|annually|yearly|p\.?a\.?)(?!\w))/i;
const APPROXIMATE_BEFORE =
  /\b(?:about|around|roughly|approximately|approx\.?|circa|ca\.|some|~|nearly|almost|close to|in the region of|ballpark)\s*$/i;

interface RawAmount {
  start: number;
  end: number;
  amount: number;
  currency: Currency | null;
  /** Whether the amount carried its own multiplier ("40k") or currency, i.e. reads as money by itself. */
  multiplier: number | null;
}

function parseNumber(raw: string): number {
  const lower = raw.toLowerCase().trim();
  if (/^[\d,.]+$/.test(lower)) return Number(lower.replace(/,/g, ''));
  if (lower === 'half a') return 0.5;
  if (lower === 'a hundred') return 100;
  return lower.split(/[- ]/).reduce((sum, word) => sum + (WORD_VALUES[word] ?? 0), 0);
}

function currencyOf(token: string | undefined, table: [RegExp, Currency][]): Currency | null {
  if (!token) return null;
  return table.find(([pattern]) => pattern.test(token))?.[1] ?? null;
}

function rawAmounts(text: string): RawAmount[] {
  const amounts: RawAmount[] = [];
  AMOUNT.lastIndex = 0;
  for (let match = AMOUNT.exec(text); match; match = AMOUNT.exec(text)) {
    const groups = match.groups ?? {};
    const number = groups.number;
    if (!number) continue;
    const multWord = groups.multWord?.toLowerCase();
    const mult = groups.mult?.toLowerCase();
    const multiplier = multWord ? (MULTIPLIERS[multWord] ?? null) : mult ? (MULTIPLIERS[mult] ?? null) : null;
    const currency =
      currencyOf(groups.prefix, SYMBOLS) ??
      currencyOf(groups.prefix, CURRENCY_WORDS) ??
      currencyOf(groups.suffix, CURRENCY_WORDS);
    // "5 M" at a sentence start or "B2B" is not money; a bare number with nothing money-like is skipped later.
    if (mult === 'b' && !currency) continue;
    const leading = match[0].length - match[0].trimStart().length;
    amounts.push({
      start: match.index + leading,
      end: match.index + match[0].length,
      amount: parseNumber(number),
      currency,
      multiplier,
    });
  }
  return amounts;
}

/**
 * Money amounts in `text`: "$50k", "€30-40k", "between fifty and seventy thousand euros", "USD 75,000",
 * "60 grand", "£8.5k per month". A bare number with neither currency nor multiplier is not money.
 * Ranges share their multiplier and currency ("40-60k" is 40,000 to 60,000).
 */
export function findMoneyMentions(text: string): MoneyMention[] {
  const raw = rawAmounts(text);
  const mentions: MoneyMention[] = [];
  for (let i = 0; i < raw.length; i++) {
    const first = raw[i];
    if (!first) continue;
    const second = raw[i + 1];
    const joiner = second ? text.slice(first.end, second.start) : '';
    let start = first.start;
    let end = first.end;
    const low = first;
    let high = first;
    const between = /\bbetween\s+$/i.exec(text.slice(Math.max(0, start - 10), start));
    // "40-60k", "40 to 60k", and "between 40 and 60k"; never two amounts in different currencies.
    const joins = /^\s*(?:-|–|—|to)\s*$/i.test(joiner) || (between !== null && /^\s*and\s*$/i.test(joiner));
    const compatible = !second?.currency || !first.currency || second.currency === first.currency;
    if (
      second &&
      joins &&
      compatible &&
      (first.multiplier === null || second.multiplier !== null || first.currency)
    ) {
      high = second;
      end = second.end;
      i++;
    }
    const multiplier = low.multiplier ?? high.multiplier ?? 1;
    const currency = low.currency ?? high.currency;
    const isMoney = currency !== null || low.multiplier !== null || high.multiplier !== null;
    if (!isMoney) continue;
    if (between && high !== low) start -= between[0].length;
    // "40-60k": the multiplier written once applies to both ends.
    const lowValue = low.amount * (low.multiplier ?? multiplier);
    const highValue = high.amount * (high.multiplier ?? multiplier);
    const period = PERIOD_AFTER.exec(text.slice(end, end + 30));
    const unit = (period?.groups?.unit ?? period?.groups?.adverb ?? '').toLowerCase();
    mentions.push({
      start,
      end,
      value: {
        kind: 'money',
        min: Math.min(lowValue, highValue),
        max: Math.max(lowValue, highValue),
        currency,
        period: !unit ? null : /^mo/.test(unit) ? 'month' : 'year',
        approximate: APPROXIMATE_BEFORE.test(text.slice(Math.max(0, start - 20), start)),
      },
    });
  }
  // One sentence speaks one currency: "USD 75,000 for year one, 60k for year two".
  const currencies = new Set(mentions.map((mention) => mention.value.currency).filter((c) => c !== null));
  if (currencies.size === 1) {
    const [only] = currencies;
    for (const mention of mentions) mention.value.currency ??= only ?? null;
  }
  return mentions;
}
