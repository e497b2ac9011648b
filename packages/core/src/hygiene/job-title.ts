export const SENIORITIES = ['c_level', 'vp', 'director', 'manager', 'individual', 'unknown'] as const;
export type Seniority = (typeof SENIORITIES)[number];

export const DEPARTMENTS = [
  'sales',
  'marketing',
  'engineering',
  'it',
  'finance',
  'operations',
  'hr',
  'executive',
  'product',
  'support',
  'legal',
  'other',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

export interface ParsedJobTitle {
  seniority: Seniority;
  department: Department;
}

/**
 * A whole-word pattern that also works next to Polish letters (\b only knows ASCII word characters).
 * A term ending in '*' matches as a stem: 'finans*' matches "finansowy", "finansów".
 */
const words = (...terms: string[]): RegExp => {
  const alternatives = terms.map((t) =>
    t.endsWith('*') ? `${escapeRegExp(t.slice(0, -1))}[\\p{L}]*` : escapeRegExp(t).replace(/ /g, '[\\s-]+'),
  );
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
};
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Chief-level acronyms carry their department with them. */
const CHIEF_DEPARTMENTS: Record<string, Department> = {
  ceo: 'executive',
  coo: 'operations',
  cfo: 'finance',
  cto: 'engineering',
  cio: 'it',
  ciso: 'it',
  cmo: 'marketing',
  cro: 'sales',
  cso: 'sales',
  cpo: 'product',
  chro: 'hr',
  clo: 'legal',
};
const CHIEF_ACRONYM = words(...Object.keys(CHIEF_DEPARTMENTS));

// Checked in order: the first level that matches wins, so "Vice President" is a VP, not a president,
// and "Managing Director" is the top of the company, not a director.
const SENIORITY_PATTERNS: [Seniority, RegExp][] = [
  // Titles that contain a senior word but describe someone who is not senior.
  ['individual', words('product owner', 'executive assistant', 'assistant to', 'asystent* prezesa')],
  ['vp', words('vp', 'svp', 'evp', 'avp', 'vice president', 'wiceprezes*')],
  [
    'c_level',
    words(
      ...Object.keys(CHIEF_DEPARTMENTS),
      'chief',
      'founder',
      'co founder',
      'cofounder',
      'owner',
      'business owner',
      'president',
      'managing director',
      'general manager',
      'managing partner',
      'prezes*',
      'dyrektor generalny',
      'właściciel*',
      'współwłaściciel*',
    ),
  ],
  ['director', words('director', 'head', 'dyrektor*', 'directeur', 'direktor', 'leiter')],
  ['manager', words('manager', 'lead', 'team lead', 'supervisor', 'kierownik*', 'menedżer*', 'manadżer*')],
  [
    'individual',
    words(
      'engineer',
      'developer',
      'programmer',
      'specialist',
      'analyst',
      'consultant',
      'representative',
      'rep',
      'associate',
      'coordinator',
      'designer',
      'administrator',
      'admin',
      'accountant',
      'architect',
      'scientist',
      'executive',
      'officer',
      'assistant',
      'intern',
      'trainee',
      'student',
      'agent',
      'recruiter',
      'writer',
      'counsel',
      'lawyer',
      'attorney',
      'bdr',
      'sdr',
      'specjalist*',
      'programist*',
      'inżynier*',
      'analityk*',
      'handlowiec',
      'księgow*',
      'asystent*',
      'stażyst*',
      'konsultant*',
    ),
  ],
];

// Also ordered: "Sales Engineer" sells, "Product Marketing Manager" markets, "Revenue Operations" is sales.
const DEPARTMENT_PATTERNS: [Department, RegExp][] = [
  [
    'support',
    words(
      'customer success',
      'support',
      'customer service',
      'service desk',
      'helpdesk',
      'obsługi klienta',
      'obsługa klienta',
    ),
  ],
  [
    'sales',
    words(
      'sales',
      'account executive',
      'account manager',
      'business development',
      'bdr',
      'sdr',
      'revenue',
      'commercial',
      'sprzedaż*',
      'sprzedaz*',
      'handlow*',
      'vertrieb',
    ),
  ],
  [
    'marketing',
    words(
      'marketing',
      'growth',
      'demand generation',
      'brand',
      'content',
      'seo',
      'communications',
      'pr',
      'marketingu',
    ),
  ],
  ['product', words('product', 'produkt*')],
  [
    'finance',
    words(
      'finance',
      'financial',
      'accounting',
      'accountant',
      'controller',
      'treasury',
      'finans*',
      'księgow*',
    ),
  ],
  ['legal', words('legal', 'counsel', 'lawyer', 'attorney', 'compliance', 'prawn*', 'radca')],
  [
    'hr',
    words(
      'hr',
      'human resources',
      'people',
      'talent',
      'recruiter',
      'recruiting',
      'recruitment',
      'kadr*',
      'personal*',
    ),
  ],
  [
    'it',
    words(
      'it',
      'information technology',
      'chief information',
      'information security',
      'security',
      'infrastructure',
      'network',
      'system administrator',
      'systems administrator',
      'sysadmin',
      'informatyk*',
      'informatyki',
    ),
  ],
  [
    'engineering',
    words(
      'engineer',
      'engineering',
      'developer',
      'software',
      'programmer',
      'devops',
      'r&d',
      'architect',
      'data scientist',
      'programist*',
      'inżynier*',
      'technolog*',
    ),
  ],
  [
    'operations',
    words(
      'operations',
      'operating',
      'ops',
      'logistics',
      'supply chain',
      'procurement',
      'purchasing',
      'operacyjn*',
      'zakup*',
    ),
  ],
];

const TOP_EXECUTIVE = words(
  'ceo',
  'chief executive',
  'founder',
  'co founder',
  'cofounder',
  'owner',
  'president',
  'managing director',
  'general manager',
  'managing partner',
  'prezes*',
  'dyrektor generalny',
  'właściciel*',
  'współwłaściciel*',
);

const firstMatch = <T>(patterns: [T, RegExp][], text: string): T | undefined =>
  patterns.find(([, re]) => re.test(text))?.[0];

/**
 * Seniority and department from a free-text job title ("Sr. Software Engineer", "VP Sales",
 * "Dyrektor finansowy"). English first, with common Polish forms; anything unrecognised is
 * 'unknown' / 'other' rather than a guess.
 */
export const parseJobTitle = (title: string): ParsedJobTitle => {
  const text = title.trim();
  if (text === '') return { seniority: 'unknown', department: 'other' };
  const seniority = firstMatch(SENIORITY_PATTERNS, text) ?? 'unknown';
  const chief = CHIEF_ACRONYM.exec(text)?.[0]?.toLowerCase();
  const department =
    firstMatch(DEPARTMENT_PATTERNS, text) ??
    (chief !== undefined ? CHIEF_DEPARTMENTS[chief] : undefined) ??
    (seniority === 'c_level' && TOP_EXECUTIVE.test(text) ? 'executive' : undefined) ??
    'other';
  return { seniority, department };
};
