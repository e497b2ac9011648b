import { leadInputSchema } from '@triage/contracts';
import { domainOf } from '@triage/core';
import type { BulkLeadInput } from '@triage/server/modules/leads/bulk-insert-leads';
import { z } from 'zod';
import { type LeadMapping, MappingError, type MappingTarget, parseTarget } from './lead-mapping';

/** One thing wrong with one row, named by the column a spreadsheet user sees. */
export interface RowIssue {
  column: string;
  problem: string;
  value?: string;
}

export type MappedRow = { ok: true; lead: BulkLeadInput } | { ok: false; issues: RowIssue[] };

const NUMERIC_ACCOUNT_FIELDS = new Set(['employees', 'annualRevenue']);
const ownerEmailSchema = z.email('must be the email of a user of the workspace').toLowerCase();

/** "1,200", "1 200", "$5,000,000" and "5e6" are numbers people type; thousands separators are dropped. */
export function parseNumberCell(text: string): number | undefined {
  const cleaned = text.replace(/^[$€£]/, '').replace(/[,_\s]/g, '');
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return undefined;
  return Number(cleaned);
}

interface Slot {
  target: MappingTarget;
  targetText: string;
  /** The CSV column, or undefined for a value that comes from the mapping's defaults only. */
  column: string | undefined;
  index: number;
  fallback: string | undefined;
}

/**
 * Compiles the mapping against the file's header into a function from a row's cells to a lead input, validated
 * by the same schema as POST /v1/leads. A mapped column the header lacks is a MappingError: better to stop
 * before the first row than to import a million leads without their company.
 */
export function compileRowMapper(mapping: LeadMapping, header: readonly string[]) {
  const trimmedHeader = header.map((h) => h.trim());
  const slots: Slot[] = [];
  const mappedTargets = new Set<string>();
  for (const [column, targetText] of Object.entries(mapping.columns)) {
    const index = trimmedHeader.indexOf(column.trim());
    if (index < 0) {
      throw new MappingError(
        `the mapping names column "${column}", which the file does not have (its columns: ${trimmedHeader
          .map((h) => `"${h}"`)
          .join(', ')})`,
      );
    }
    const fallback = mapping.defaults[targetText];
    slots.push({
      target: parseTarget(targetText)!,
      targetText,
      column,
      index,
      fallback: fallback === undefined ? undefined : String(fallback),
    });
    mappedTargets.add(targetText);
  }
  for (const [targetText, value] of Object.entries(mapping.defaults)) {
    if (mappedTargets.has(targetText)) continue;
    slots.push({
      target: parseTarget(targetText)!,
      targetText,
      column: undefined,
      index: -1,
      fallback: String(value),
    });
  }
  const columnOfTarget = new Map(
    slots.map((s) => [s.targetText, s.column ?? `(default for ${s.targetText})`]),
  );
  const columnOfPath = (path: readonly PropertyKey[]): string => {
    for (let n = path.length; n > 0; n--) {
      const found = columnOfTarget.get(path.slice(0, n).map(String).join('.'));
      if (found) return found;
    }
    return path.map(String).join('.') || '(row)';
  };
  const separator = mapping.listSeparator;
  const columnIndex = new Map(slots.map((s) => [s.column ?? '', s.index]));

  return function mapRow(cells: readonly string[]): MappedRow {
    const input: Record<string, unknown> = {};
    const account: Record<string, unknown> = {};
    const custom: Record<string, unknown> = {};
    const accountCustom: Record<string, unknown> = {};
    let hasAccount = false;
    let hasCustom = false;
    let hasAccountCustom = false;
    let ownerEmail: string | undefined;
    let issues: RowIssue[] | undefined;
    for (const slot of slots) {
      const cell = slot.index >= 0 ? cells[slot.index]?.trim() : undefined;
      const text = cell ? cell : slot.fallback;
      if (text === undefined || text === '') continue;
      const { target } = slot;
      if (target.kind === 'ownerEmail') {
        const parsed = ownerEmailSchema.safeParse(text);
        if (parsed.success) ownerEmail = parsed.data;
        else {
          issues = issues ?? [];
          issues.push({
            column: slot.column ?? `(default for ${slot.targetText})`,
            problem: parsed.error.issues[0]!.message,
            value: text,
          });
        }
      } else if (target.kind === 'lead') input[target.field] = text;
      else if (target.kind === 'custom') {
        custom[target.key] = text;
        hasCustom = true;
      } else if (target.kind === 'accountCustom') {
        accountCustom[target.key] = text;
        hasAccountCustom = true;
      } else if (NUMERIC_ACCOUNT_FIELDS.has(target.field)) {
        const value = parseNumberCell(text);
        if (value === undefined) {
          issues = issues ?? [];
          issues.push({
            column: slot.column ?? `(default for ${slot.targetText})`,
            problem: 'must be a number',
            value: text,
          });
        } else {
          account[target.field] = value;
          hasAccount = true;
        }
      } else if (target.field === 'technologies') {
        account.technologies = text
          .split(separator)
          .map((t) => t.trim())
          .filter((t) => t !== '');
        hasAccount = true;
      } else {
        account[target.field] = text;
        hasAccount = true;
      }
    }
    if (hasCustom) input.custom = custom;
    if (hasAccountCustom) {
      account.custom = accountCustom;
      hasAccount = true;
    }
    if (hasAccount && account.name === undefined) {
      // An account known only by its website or its size still belongs to a company: name it by its domain.
      const domain =
        (typeof account.domain === 'string' ? account.domain.toLowerCase() : undefined) ??
        (typeof input.email === 'string' ? domainOf(input.email.toLowerCase()) : undefined);
      if (domain) account.name = domain;
    }
    if (hasAccount) input.account = account;

    if (ownerEmail !== undefined && input.ownerId !== undefined) {
      issues = issues ?? [];
      issues.push({
        column: columnOfTarget.get('ownerEmail')!,
        problem: 'name the owner by ownerId or by ownerEmail, not both',
        value: ownerEmail,
      });
    }
    const parsed = leadInputSchema.safeParse(input);
    if (parsed.success && !issues)
      return { ok: true, lead: ownerEmail === undefined ? parsed.data : { ...parsed.data, ownerEmail } };
    const all = issues ?? [];
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = columnOfPath(issue.path);
        const raw = valueAt(input, issue.path);
        const problem =
          raw === undefined && issue.code === 'invalid_type'
            ? 'is empty; a value is required'
            : issue.message;
        all.push({ column, problem, ...(raw !== undefined ? { value: raw } : {}) });
      }
    }
    // In the order of the file's columns, as the user reads the row.
    all.sort((a, b) => (columnIndex.get(a.column) ?? 1e9) - (columnIndex.get(b.column) ?? 1e9));
    return { ok: false, issues: all };
  };
}

function valueAt(input: Record<string, unknown>, path: readonly PropertyKey[]): string | undefined {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  if (current === undefined || current === null) return undefined;
  return typeof current === 'string' ? current : JSON.stringify(current);
}
