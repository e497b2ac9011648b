export * from './duplicates-merge';
export * from './duplicates-normalize';
export * from './duplicates-score';
export { jaroWinkler } from './duplicates-similarity';
export {
  domainOf,
  EMAIL_DOMAIN_KINDS,
  type EmailDomainKind,
  emailDomainKind,
  normalizeEmail,
} from './email-domain';
export {
  DEPARTMENTS,
  type Department,
  type ParsedJobTitle,
  parseJobTitle,
  SENIORITIES,
  type Seniority,
} from './job-title';
