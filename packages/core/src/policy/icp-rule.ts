import { z } from 'zod';

export const ICP_SUBJECTS = ['account', 'contact'] as const;
export type IcpSubject = (typeof ICP_SUBJECTS)[number];

export const ICP_OPERATORS = ['equals', 'in', 'range', 'contains', 'matches'] as const;
export type IcpOperator = (typeof ICP_OPERATORS)[number];

export const ACCOUNT_FIELDS = [
  'industry',
  'employees',
  'annualRevenue',
  'country',
  'technologies',
  'domain',
] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

export const CONTACT_FIELDS = [
  'title',
  'seniority',
  'department',
  'emailDomainKind',
  'country',
  'source',
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** Workspace-defined attributes are addressed as `custom.<key>` on either subject. */
export const CUSTOM_FIELD_PATTERN = /^custom\.[A-Za-z0-9_-]+$/;

/** Only these built-in fields hold numbers; a `range` rule on any other built-in field could never fire. */
export const NUMERIC_FIELDS: readonly string[] = ['employees', 'annualRevenue'];

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const ruleBase = {
  id: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
      'Rule id must be letters, digits, "_", "-" or "." (e.g. "industry-software")',
    ),
  label: z.string().min(1).exactOptional(),
  subject: z.enum(ICP_SUBJECTS),
  field: z.string().min(1),
  weight: z.number().finite(),
  /** A fired knock-out sets the fit score to 0 whatever else fired; its weight is not counted. */
  knockout: z.boolean().exactOptional(),
};

const rangeValue = z
  .strictObject({ min: z.number().finite().exactOptional(), max: z.number().finite().exactOptional() })
  .refine((r) => r.min !== undefined || r.max !== undefined, 'A range needs a min, a max or both')
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'A range needs min ≤ max');

const regexSource = z
  .string()
  .min(1)
  .superRefine((source, ctx) => {
    try {
      new RegExp(source, 'i');
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `Not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });

export const icpRuleSchema = z
  .discriminatedUnion('operator', [
    z.strictObject({ ...ruleBase, operator: z.literal('equals'), value: scalar }),
    z.strictObject({
      ...ruleBase,
      operator: z.literal('in'),
      value: z.array(scalar).min(1, 'An "in" rule needs at least one value'),
    }),
    z.strictObject({ ...ruleBase, operator: z.literal('range'), value: rangeValue }),
    z.strictObject({ ...ruleBase, operator: z.literal('contains'), value: z.string().min(1) }),
    z.strictObject({ ...ruleBase, operator: z.literal('matches'), value: regexSource }),
  ])
  .superRefine((rule, ctx) => {
    const known: readonly string[] = rule.subject === 'account' ? ACCOUNT_FIELDS : CONTACT_FIELDS;
    const isCustom = CUSTOM_FIELD_PATTERN.test(rule.field);
    if (!isCustom && !known.includes(rule.field)) {
      ctx.addIssue({
        code: 'custom',
        path: ['field'],
        message: `Unknown ${rule.subject} field "${rule.field}"; expected one of ${known.join(', ')} or custom.<key>`,
      });
      return;
    }
    if (rule.operator === 'range' && !isCustom && !NUMERIC_FIELDS.includes(rule.field)) {
      ctx.addIssue({
        code: 'custom',
        path: ['operator'],
        message: `A range rule needs a numeric field (${NUMERIC_FIELDS.join(', ')} or custom.<key>), not "${rule.field}"`,
      });
    }
  });

export type IcpRule = z.infer<typeof icpRuleSchema>;
