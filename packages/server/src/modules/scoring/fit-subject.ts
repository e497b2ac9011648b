import { type FitSubject, parseJobTitle } from '@triage/core';
import { sql } from 'drizzle-orm';
import type { AccountRow } from '../accounts/accounts.repository';

/** Drops null and undefined so optional attributes are absent, which is how core reads "missing". */
function present<T extends Record<string, unknown>>(
  record: T,
): Partial<{ [K in keyof T]: NonNullable<T[K]> }> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record))
    if (value !== null && value !== undefined) out[key] = value;
  return out as Partial<{ [K in keyof T]: NonNullable<T[K]> }>;
}

export interface FitLeadFields {
  email: string;
  title: string | null;
  seniority: string | null;
  department: string | null;
  country: string | null;
  source: string | null;
  custom: Record<string, unknown> | null;
}

export type FitAccountFields = Pick<
  AccountRow,
  'industry' | 'employees' | 'annualRevenue' | 'country' | 'technologies' | 'domain' | 'custom'
>;

/** A lead's fit fields and its account's, read by one join; the account's columns that clash are renamed. */
export interface LeadWithAccountRow extends FitLeadFields {
  id: string;
  accountId: string | null;
  industry: string | null;
  employees: number | null;
  annualRevenue: number | null;
  accountCountry: string | null;
  technologies: string[] | null;
  domain: string | null;
  accountCustom: Record<string, unknown> | null;
}

/** The select list of a LeadWithAccountRow, over `leads l` joined to an account relation `a`. */
export const LEAD_WITH_ACCOUNT_COLUMNS = sql.raw(
  `l.id, l.email, l.title, l.seniority, l.department, l.country, l.source, l.custom, l.account_id as "accountId",
   a.industry, a.employees, a.annual_revenue as "annualRevenue", a.country as "accountCountry", a.technologies,
   a.domain, a.custom as "accountCustom"`,
);

/** The account part of a LeadWithAccountRow; null for a lead without an account. */
export function accountOfRow(
  row: LeadWithAccountRow,
): (FitAccountFields & { custom: Record<string, unknown> }) | null {
  if (!row.accountId) return null;
  return {
    industry: row.industry,
    employees: row.employees,
    annualRevenue: row.annualRevenue,
    country: row.accountCountry,
    technologies: row.technologies ?? [],
    domain: row.domain,
    custom: row.accountCustom ?? {},
  };
}

export function fitSubjectOf(lead: FitLeadFields, account: FitAccountFields | null | undefined): FitSubject {
  const contact = present({
    email: lead.email,
    title: lead.title,
    seniority: lead.seniority,
    department: lead.department,
    country: lead.country,
    source: lead.source,
    custom: lead.custom,
  });
  if (!account) return { contact } as FitSubject;
  const accountAttributes = present({
    industry: account.industry,
    employees: account.employees,
    annualRevenue: account.annualRevenue,
    country: account.country,
    technologies: account.technologies,
    domain: account.domain,
    custom: account.custom as Record<string, unknown> | null,
  });
  return { contact, account: accountAttributes } as FitSubject;
}

/** Seniority and department read from a job title; unknown parts stay null rather than "unknown"/"other". */
export function titleAttributes(
  title: string | null | undefined,
  parse: typeof parseJobTitle = parseJobTitle,
): { seniority: string | null; department: string | null } {
  const parsed = title ? parse(title) : undefined;
  return {
    seniority: parsed && parsed.seniority !== 'unknown' ? parsed.seniority : null,
    department: parsed && parsed.department !== 'other' ? parsed.department : null,
  };
}

/** The contact attributes a new lead is fit-scored on, from what the client sent. */
export function newLeadFitFields(
  input: {
    email: string;
    title?: string | undefined;
    country?: string | undefined;
    source?: string | undefined;
    custom?: Record<string, unknown> | undefined;
  },
  parse: typeof parseJobTitle = parseJobTitle,
): FitLeadFields & { custom: Record<string, unknown> } {
  return {
    email: input.email,
    title: input.title ?? null,
    ...titleAttributes(input.title, parse),
    country: input.country ?? null,
    source: input.source ?? null,
    custom: input.custom ?? {},
  };
}
