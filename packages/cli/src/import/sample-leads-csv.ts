import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { LeadMappingInput } from './lead-mapping';

const FIRST = [
  'Ana',
  'Ben',
  'Chloe',
  'Dawid',
  'Emma',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kasia',
  'Liam',
];
const LAST = [
  'Nowak',
  'Smith',
  'Okafor',
  'Schmidt',
  'Garcia',
  'Larsen',
  'Chen',
  'Dubois',
  'Kowalski',
  'Brown',
];
const TITLES = ['VP of Sales', 'Marketing Manager', 'Head of RevOps', 'CFO', 'Sales Development Rep', 'CTO'];
const INDUSTRIES = ['software', 'fintech', 'manufacturing', 'retail', 'professional services', 'logistics'];
const COUNTRIES = ['US', 'DE', 'PL', 'GB', 'FR', 'BR', 'NL', 'IN'];
const SOURCES = ['webinar', 'organic', 'paid search', 'referral', 'event', 'outbound', 'partner'];

/** The header of sample files and a mapping for them (the example in the CLI's help). */
export const SAMPLE_HEADER = [
  'Email',
  'First Name',
  'Last Name',
  'Title',
  'Company',
  'Website',
  'Employees',
  'Industry',
  'Country',
  'Lead Source',
  'Plan',
] as const;

export const SAMPLE_MAPPING: LeadMappingInput = {
  columns: {
    Email: 'email',
    'First Name': 'firstName',
    'Last Name': 'lastName',
    Title: 'title',
    Company: 'account.name',
    Website: 'account.domain',
    Employees: 'account.employees',
    Industry: 'account.industry',
    Country: 'country',
    'Lead Source': 'source',
    Plan: 'custom.plan',
  },
  delimiter: ',',
  defaults: { source: 'import' },
};

/** One valid, unique sample row; row i always gives the same cells, so benchmarks are repeatable. */
export function sampleLeadRow(i: number): string[] {
  const company = i % 50_000;
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[(i >> 3) % LAST.length]!;
  const domain = `company${company}.example.com`;
  return [
    `${first.toLowerCase()}.${last.toLowerCase()}.${i}@${domain}`,
    first,
    last,
    TITLES[i % TITLES.length]!,
    `Company ${company}`,
    domain,
    String(10 + ((company * 37) % 4000)),
    INDUSTRIES[company % INDUSTRIES.length]!,
    COUNTRIES[company % COUNTRIES.length]!,
    SOURCES[i % SOURCES.length]!,
    i % 3 === 0 ? 'pro' : 'free',
  ];
}

const csvCell = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** Writes a CSV of `rows` sample leads (plus the header), streaming, with backpressure. */
export async function writeSampleLeadsCsv(file: string, rows: number, start = 0): Promise<void> {
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(`${SAMPLE_HEADER.join(',')}\n`);
  const chunk: string[] = [];
  for (let i = start; i < start + rows; i++) {
    chunk.push(sampleLeadRow(i).map(csvCell).join(','));
    if (chunk.length === 1000) {
      await write(`${chunk.join('\n')}\n`);
      chunk.length = 0;
    }
  }
  if (chunk.length) await write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}
