export const EMAIL_DOMAIN_KINDS = ['business', 'free', 'education', 'disposable', 'unknown'] as const;
export type EmailDomainKind = (typeof EMAIL_DOMAIN_KINDS)[number];

/** Trimmed and lower-cased: the form we compare and deduplicate on. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

const EMAIL_SHAPE = /^[^\s@]+@([^\s@]+\.[^\s@.]+)\.?$/;

/** The domain part of an address, lower-cased; null when the text is not an email address. */
export const domainOf = (email: string): string | null => {
  const match = EMAIL_SHAPE.exec(normalizeEmail(email));
  return match?.[1] ?? null;
};

const FREE_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'ymail.com',
  'rocketmail.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'tutanota.com',
  'tuta.io',
  'zoho.com',
  'zohomail.com',
  'fastmail.com',
  'hey.com',
  'mail.com',
  'email.com',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  't-online.de',
  'freenet.de',
  'wp.pl',
  'o2.pl',
  'onet.pl',
  'op.pl',
  'interia.pl',
  'poczta.fm',
  'tlen.pl',
  'vp.pl',
  'orange.fr',
  'laposte.net',
  'free.fr',
  'libero.it',
  'virgilio.it',
  'seznam.cz',
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sohu.com',
  'aliyun.com',
  'naver.com',
  'daum.net',
  'mail.ru',
  'inbox.ru',
  'list.ru',
  'bk.ru',
  'yandex.ru',
  'yandex.com',
  'ya.ru',
  'rediffmail.com',
  'btinternet.com',
  'comcast.net',
  'verizon.net',
  'att.net',
]);

/** Providers that run the same free service under many country domains (yahoo.co.uk, hotmail.fr, gmx.at …). */
const FREE_BRANDS = new Set(['yahoo', 'hotmail', 'outlook', 'live', 'gmx', 'aol', 'yandex', 'msn']);

const DISPOSABLE_DOMAINS = new Set([
  'mailinator.com',
  '10minutemail.com',
  '10minutemail.net',
  'guerrillamail.com',
  'guerrillamail.net',
  'sharklasers.com',
  'grr.la',
  'yopmail.com',
  'yopmail.fr',
  'temp-mail.org',
  'tempmail.com',
  'tempmailo.com',
  'trashmail.com',
  'trashmail.de',
  'getnada.com',
  'dispostable.com',
  'throwawaymail.com',
  'maildrop.cc',
  'mintemail.com',
  'mohmal.com',
  'fakeinbox.com',
  'emailondeck.com',
  'spamgourmet.com',
  'mailnesia.com',
  'burnermail.io',
  'tempr.email',
  'discard.email',
]);

/** Registry suffixes reserved for schools and universities; a domain ending in one is academic. */
const EDUCATION_SUFFIXES = [
  'edu',
  'ac.uk',
  'ac.jp',
  'ac.nz',
  'ac.za',
  'ac.kr',
  'ac.in',
  'ac.il',
  'ac.at',
  'k12.ca.us',
];
/** Country-level academic zones such as edu.pl, edu.au, edu.cn. */
const EDUCATION_SECOND_LEVEL = /(^|\.)(edu|ac)\.[a-z]{2}$/;

const endsWithSuffix = (domain: string, suffix: string): boolean =>
  domain === suffix || domain.endsWith(`.${suffix}`);

/** Public suffixes a free brand is served under: com, de, co.uk, com.br … */
const isCountryOrGenericSuffix = (labels: string[]): boolean =>
  (labels.length === 1 && /^[a-z]{2,3}$/.test(labels[0] ?? '')) ||
  (labels.length === 2 && /^(co|com|net)$/.test(labels[0] ?? '') && /^[a-z]{2}$/.test(labels[1] ?? ''));

const parentDomains = (domain: string): string[] => {
  const labels = domain.split('.');
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
};

/**
 * What kind of mailbox an address is: a company's own domain ('business'), a free consumer provider,
 * a school or university, a throw-away inbox, or 'unknown' when the text is not an address at all.
 * Subdomains count as their parent (students.uw.edu.pl is education, eu.mailinator.com is disposable).
 */
export const emailDomainKind = (email: string): EmailDomainKind => {
  const domain = domainOf(email);
  if (domain === null) return 'unknown';
  const candidates = parentDomains(domain);
  if (candidates.some((d) => DISPOSABLE_DOMAINS.has(d))) return 'disposable';
  if (candidates.some((d) => FREE_DOMAINS.has(d))) return 'free';
  const [brand, ...rest] = domain.split('.');
  if (brand !== undefined && FREE_BRANDS.has(brand) && isCountryOrGenericSuffix(rest)) return 'free';
  if (EDUCATION_SUFFIXES.some((s) => endsWithSuffix(domain, s)) || EDUCATION_SECOND_LEVEL.test(domain)) {
    return 'education';
  }
  return 'business';
};
