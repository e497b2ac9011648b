import { type FitSubject, parseJobTitle } from '@triage/core';
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
