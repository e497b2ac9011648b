export interface RoleMention {
  /** Offsets relative to the text searched. */
  start: number;
  end: number;
  /** Canonical form: "CFO", "VP Sales", "Head of IT", "Director of Finance", "IT Manager", "Procurement". */
  role: string;
}

const C_LEVEL: Record<string, string> = {
  executive: 'CEO',
  financial: 'CFO',
  finance: 'CFO',
  technology: 'CTO',
  technical: 'CTO',
  information: 'CIO',
  operating: 'COO',
  marketing: 'CMO',
  revenue: 'CRO',
  'information security': 'CISO',
  product: 'CPO',
};

/** Departments as people say them, and the name we file them under. */
const DEPARTMENTS: [string, string][] = [
  ['revenue operations', 'RevOps'],
  ['revops', 'RevOps'],
  ['sales operations', 'Sales Operations'],
  ['sales ops', 'Sales Operations'],
  ['marketing operations', 'Marketing Operations'],
  ['marketing ops', 'Marketing Operations'],
  ['customer success', 'Customer Success'],
  ['customer support', 'Support'],
  ['business development', 'Business Development'],
  ['demand generation', 'Demand Generation'],
  ['information technology', 'IT'],
  ['operations', 'Operations'],
  ['ops', 'Operations'],
  ['sales', 'Sales'],
  ['marketing', 'Marketing'],
  ['finance', 'Finance'],
  ['it', 'IT'],
  ['engineering', 'Engineering'],
  ['product', 'Product'],
  ['growth', 'Growth'],
  ['digital', 'Digital'],
  ['support', 'Support'],
  ['procurement', 'Procurement'],
  ['purchasing', 'Procurement'],
  ['hr', 'HR'],
  ['people', 'HR'],
  ['data', 'Data'],
  ['security', 'Security'],
  ['revenue', 'Revenue'],
  ['partnerships', 'Partnerships'],
  ['legal', 'Legal'],
  ['technology', 'Technology'],
  ['cs', 'Customer Success'],
];
const DEPT = DEPARTMENTS.map(([name]) => name)
  .sort((a, b) => b.length - a.length)
  .join('|');
const deptName = (raw: string): string => {
  const lower = raw.toLowerCase().replace(/\s+/g, ' ');
  return DEPARTMENTS.find(([name]) => name === lower)?.[1] ?? raw;
};

interface RolePattern {
  pattern: RegExp;
  role: (match: RegExpExecArray) => string | null;
}

const ROLE_PATTERNS: RolePattern[] = [
  {
    pattern: /\b(?:Group\s+|Global\s+|Interim\s+)?(CEO|CFO|CTO|CIO|COO|CMO|CRO|CISO|CPO|CHRO|CDO)s?\b/g,
    role: (m) => m[1] ?? null,
  },
  {
    pattern:
      /\bchief\s+(executive|financial|finance|technology|technical|information security|information|operating|marketing|revenue|product)\s+officer\b/gi,
    role: (m) => C_LEVEL[(m[1] ?? '').toLowerCase()] ?? null,
  },
  {
    pattern: new RegExp(`\\b(?:S?VP|EVP|vice[- ]president)\\s+(?:of\\s+)?(${DEPT})\\b`, 'gi'),
    role: (m) => `VP ${deptName(m[1] ?? '')}`,
  },
  {
    pattern: new RegExp(`\\b(${DEPT})\\s+(?:S?VP|EVP)\\b`, 'gi'),
    role: (m) => `VP ${deptName(m[1] ?? '')}`,
  },
  {
    pattern: new RegExp(`\\bhead\\s+of\\s+(${DEPT})\\b`, 'gi'),
    role: (m) => `Head of ${deptName(m[1] ?? '')}`,
  },
  {
    pattern: /\bmanaging\s+director\b/gi,
    role: () => 'Managing Director',
  },
  {
    pattern: new RegExp(`\\bdirector\\s+of\\s+(${DEPT})\\b|\\b(${DEPT})\\s+director\\b`, 'gi'),
    role: (m) => `Director of ${deptName(m[1] ?? m[2] ?? '')}`,
  },
  {
    pattern: /\b(?:regional|country|her|his|their|our|the|a|your|my)\s+director\b/gi,
    role: () => 'Director',
  },
  {
    pattern: /\bcountry\s+manager\b/gi,
    role: () => 'Country Manager',
  },
  {
    pattern: new RegExp(`\\b(${DEPT})\\s+manager\\b`, 'gi'),
    role: (m) => `${deptName(m[1] ?? '')} Manager`,
  },
  {
    pattern: /\b(?:my|her|his|their|our|your)\s+(?:line\s+)?(?:boss|manager|supervisor)\b/gi,
    role: () => 'Manager',
  },
  { pattern: /\b(?:co-?)?founders?\b/gi, role: () => 'Founder' },
  { pattern: /\b(?:the|business|company)\s+owner\b/gi, role: () => 'Owner' },
  {
    pattern: /(?<!\bon\s)\b(?:management\s+)?board(?:\s+of\s+directors)?\b(?!\s+(?:game|room))/gi,
    role: () => 'Board',
  },
  {
    pattern: /\b(?:steering|buying|investment|executive)\s+committee\b|\bcommittee\b/gi,
    role: () => 'Committee',
  },
  { pattern: /\b(?:procurement|purchasing\s+(?:team|department))\b/gi, role: () => 'Procurement' },
  { pattern: /\blegal\b(?!\s+(?:entity|entities|requirements?|basis|name))/gi, role: () => 'Legal' },
  { pattern: /\b(?:IT\s+)?security\s+team\b|\binfosec\b/gi, role: () => 'Security' },
  { pattern: /\bfinance(?:\s+(?:team|department|lead))?\b/gi, role: () => 'Finance' },
  { pattern: /\bRevOps\b|\brevenue operations\b/gi, role: () => 'RevOps' },
  // "IT" as a team, upper case only (the pronoun "it" is not a role).
  { pattern: /\bIT\b(?:\s+(?:team|department))?/g, role: () => 'IT' },
];

/**
 * Job roles and buying functions named in `text`, in canonical form. A longer match wins over the one it
 * contains ("head of procurement" is not also "procurement").
 */
export function findRoleMentions(text: string): RoleMention[] {
  const found: RoleMention[] = [];
  for (const { pattern, role } of ROLE_PATTERNS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const name = role(match);
      if (!name) continue;
      found.push({ start: match.index, end: match.index + match[0].length, role: name });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: RoleMention[] = [];
  for (const mention of found) {
    if (kept.some((other) => mention.start < other.end && mention.end > other.start)) continue;
    kept.push(mention);
  }
  return kept.sort((a, b) => a.start - b.start);
}
