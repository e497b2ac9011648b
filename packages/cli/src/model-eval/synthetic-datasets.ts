import { createSeededRandom } from '@triage/core';
import type { CsvRow } from './eval-dataset';

/**
 * Generated lead tables whose true conversion probability is known, each stressing one thing the
 * model must cope with on data nobody here has looked at. Rows are in time order (oldest first), so
 * they serve both random and ordered splits. Outcomes are in the `converted` column (1 / 0).
 */
export const SYNTHETIC_SHAPES = [
  'interactions',
  'monotone',
  'high-cardinality',
  'informative-missing',
  'drift',
  'weak-drift',
] as const;
export type SyntheticShape = (typeof SYNTHETIC_SHAPES)[number];

export type SyntheticDataset = { rows: CsvRow[]; truth: number[] };

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function normal(random: () => number): number {
  const u = Math.max(1e-12, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const SOURCES = ['Referral', 'Paid search', 'Organic', 'Event', 'Partner', 'Social'] as const;
const SOURCE_EFFECT: Record<string, number> = {
  Referral: 1.1,
  'Paid search': -0.4,
  Organic: 0.2,
  Event: 0.5,
  Partner: 0.8,
  Social: -0.7,
};
const INDUSTRIES = [
  'Software',
  'Retail',
  'Finance',
  'Health',
  'Manufacturing',
  'Education',
  'Other',
] as const;
const ROLES = ['Individual', 'Manager', 'Director', 'VP', 'C-level'] as const;

/** Columns every shape shares: a source with known effects, a numeric engagement, plain noise. */
function commonColumns(random: () => number) {
  const source = pick(SOURCES, random);
  const industry = pick(INDUSTRIES, random);
  const role = pick(ROLES, random);
  const visits = Math.floor(Math.exp(normal(random) * 0.9 + 1.2));
  const minutes = Math.max(0, Math.round(normal(random) * 400 + 500));
  return { source, industry, role, visits, minutes };
}

/**
 * `count` rows of one shape. The base rate sits near 35 % unless the shape drifts.
 */
export function syntheticDataset(shape: SyntheticShape, count: number, seed: number): SyntheticDataset {
  const random = createSeededRandom(seed);
  const rows: CsvRow[] = [];
  const truth: number[] = [];
  // Many-valued field: 800 companies, each with its own hidden propensity, Zipf-like frequencies.
  const companyEffect = Array.from({ length: 800 }, () => normal(random) * 1.2);
  for (let i = 0; i < count; i++) {
    const time = i / count;
    const base = commonColumns(random);
    const row: CsvRow = {
      lead_id: `S-${100_000 + i}`,
      source: base.source,
      industry: base.industry,
      role: base.role,
      visits: String(base.visits),
      minutes_on_site: String(base.minutes),
      newsletter: random() < 0.4 ? 'Yes' : 'No',
      noise_code: pick(['A', 'B', 'C', 'D'], random),
    };
    let z = -0.9 + (SOURCE_EFFECT[base.source] ?? 0);
    if (shape === 'interactions') {
      // Seniority matters only for large accounts; a trial only for software buyers.
      const employees = Math.floor(Math.exp(normal(random) * 1.5 + 5));
      const trial = random() < 0.3;
      row.employees = String(employees);
      row.trial = trial ? 'Yes' : 'No';
      const senior = base.role === 'VP' || base.role === 'C-level' || base.role === 'Director';
      z += senior && employees > 500 ? 1.6 : senior ? -0.6 : 0;
      z += trial && base.industry === 'Software' ? 2 : trial ? -0.3 : 0;
    } else if (shape === 'monotone') {
      // Saturating, threshold-like effects of two numbers.
      z += 2.2 * Math.tanh((base.minutes - 500) / 300) + (base.visits >= 3 ? 0.9 : 0) - 0.4;
    } else if (shape === 'high-cardinality') {
      const company = Math.min(799, Math.floor(800 * random() ** 2.5));
      row.company = `Company ${company}`;
      z += companyEffect[company]! + 0.3 * Math.tanh((base.minutes - 500) / 300);
    } else if (shape === 'informative-missing') {
      // Leads who skip the budget question convert less; the answer itself matters too.
      const budget = Math.round(Math.exp(normal(random) + 9));
      const answered = random() < sigmoid(0.3 + 0.8 * (SOURCE_EFFECT[base.source] ?? 0));
      row.budget = answered ? String(budget) : '';
      row.phone = random() < 0.5 ? '' : '+1 555 0100';
      z += answered ? 0.6 + 0.5 * Math.tanh((Math.log(budget) - 9) / 1) : -0.9;
      z += 0.6 * Math.tanh((base.minutes - 500) / 300);
    } else {
      // Drift: the base rate falls over time and one effect fades; `weak-drift` keeps only a trace of signal.
      const strength = shape === 'drift' ? 1 : 0.15;
      z = -0.3 - 1.2 * time + strength * ((SOURCE_EFFECT[base.source] ?? 0) * (1 - 0.6 * time));
      z += strength * 1.5 * Math.tanh((base.minutes - 500) / 300);
      const month = 1 + Math.floor(time * 24);
      row.created = `20${23 + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-15`;
    }
    const p = sigmoid(z);
    row.converted = random() < p ? '1' : '0';
    rows.push(row);
    truth.push(p);
  }
  return { rows, truth };
}
