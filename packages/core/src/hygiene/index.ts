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
