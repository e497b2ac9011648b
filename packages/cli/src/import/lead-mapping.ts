import { z } from 'zod';

/** Lead fields a CSV column can fill (the same names as the API's lead input). */
export const LEAD_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'title',
  'phone',
  'country',
  'source',
  'ownerId',
  'stage',
] as const;

/** Account fields, written `account.<field>` in a mapping. */
export const ACCOUNT_FIELDS = [
  'name',
  'domain',
  'industry',
  'employees',
  'annualRevenue',
  'country',
  'technologies',
] as const;

const CUSTOM_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** The owner named by a user's email (the `ownerEmail` column of an export) instead of ownerId. */
export const OWNER_EMAIL = 'ownerEmail';

/** Every target a column may map to, for error messages and --help. */
export const TARGET_FIELDS_HELP = [
  ...LEAD_FIELDS,
  OWNER_EMAIL,
  ...ACCOUNT_FIELDS.map((f) => `account.${f}`),
  'custom.<key>',
  'account.custom.<key>',
].join(', ');

export type MappingTarget =
  | { kind: 'lead'; field: (typeof LEAD_FIELDS)[number] }
  | { kind: 'ownerEmail' }
  | { kind: 'account'; field: (typeof ACCOUNT_FIELDS)[number] }
  | { kind: 'custom'; key: string }
  | { kind: 'accountCustom'; key: string };

/** Reads "account.employees", "custom.plan"...; undefined when the text names no field. */
export function parseTarget(text: string): MappingTarget | undefined {
  if (text === OWNER_EMAIL) return { kind: 'ownerEmail' };
  if ((LEAD_FIELDS as readonly string[]).includes(text))
    return { kind: 'lead', field: text as (typeof LEAD_FIELDS)[number] };
  if (text.startsWith('account.custom.')) {
    const key = text.slice('account.custom.'.length);
    return CUSTOM_KEY.test(key) ? { kind: 'accountCustom', key } : undefined;
  }
  if (text.startsWith('account.')) {
    const field = text.slice('account.'.length);
    return (ACCOUNT_FIELDS as readonly string[]).includes(field)
      ? { kind: 'account', field: field as (typeof ACCOUNT_FIELDS)[number] }
      : undefined;
  }
  if (text.startsWith('custom.')) {
    const key = text.slice('custom.'.length);
    return CUSTOM_KEY.test(key) ? { kind: 'custom', key } : undefined;
  }
  return undefined;
}

const targetSchema = z.string().refine((value) => parseTarget(value) !== undefined, {
  error: (issue) =>
    `"${String(issue.input)}" is not a lead field; use one of ${TARGET_FIELDS_HELP} (custom keys are letters, digits and _)`,
});

/** mapping.json: which CSV column fills which lead field, and values for fields the file leaves empty. */
export const leadMappingSchema = z
  .object({
    columns: z
      .record(z.string().min(1, 'a column name must not be empty'), targetSchema)
      .refine((columns) => Object.values(columns).includes('email'), {
        error: 'one column must map to "email": leads are identified by their email address',
      })
      .superRefine((columns, ctx) => {
        const seen = new Map<string, string>();
        for (const [column, target] of Object.entries(columns)) {
          const first = seen.get(target);
          if (first)
            ctx.addIssue({
              code: 'custom',
              path: [column],
              message: `columns "${first}" and "${column}" both map to "${target}"`,
            });
          else seen.set(target, column);
        }
      }),
    delimiter: z.string().length(1, 'the delimiter is one character, e.g. "," or ";"').default(','),
    /** Separates several values in one cell of a list field (account.technologies). */
    listSeparator: z.string().length(1).default(';'),
    defaults: z.record(targetSchema, z.union([z.string(), z.number()])).default({}),
  })
  .strict();

export type LeadMapping = z.output<typeof leadMappingSchema>;
export type LeadMappingInput = z.input<typeof leadMappingSchema>;

/** A mapping the importer cannot use; nothing has been read or written when it is thrown. */
export class MappingError extends Error {
  override readonly name = 'MappingError';
}

export function parseLeadMapping(input: unknown): LeadMapping {
  const parsed = leadMappingSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : '(mapping)';
    return `  ${where}: ${issue.message}`;
  });
  throw new MappingError(`the mapping is not usable:\n${lines.join('\n')}`);
}
