import { z } from 'zod';
import { cursorPageQuery, customFieldsSchema, isoDateTime } from './common.schemas';

const text = (max: number) => z.string().trim().min(1).max(max);

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, 'must be a domain such as example.com');
const employees = z.number().int().min(0).max(10_000_000);
const annualRevenue = z.number().min(0).max(1e13);
const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE');

export const accountInputSchema = z.strictObject({
  name: text(200),
  domain: domain.optional(),
  industry: text(100).optional(),
  employees: employees.optional(),
  annualRevenue: annualRevenue.optional(),
  country: country.optional(),
  technologies: z.array(text(100)).max(200).optional(),
  custom: customFieldsSchema.optional(),
});
export type AccountInput = z.infer<typeof accountInputSchema>;

/** Every field may change; the optional facts may also be cleared with null (the name, lists and custom fields are replaced, never nulled). */
export const accountPatchSchema = accountInputSchema
  .extend({
    domain: domain.nullable(),
    industry: text(100).nullable(),
    employees: employees.nullable(),
    annualRevenue: annualRevenue.nullable(),
    country: country.nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, {
    message: 'give at least one field to change',
    when: (payload) => payload.issues.length === 0,
  });
export type AccountPatch = z.infer<typeof accountPatchSchema>;

export const accountSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  employees: z.number().nullable(),
  annualRevenue: z.number().nullable(),
  country: z.string().nullable(),
  technologies: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Account = z.infer<typeof accountSchema>;

export const accountListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  ...cursorPageQuery,
});
export const accountListSchema = z.object({
  items: z.array(accountSchema),
  nextCursor: z.string().nullable(),
});
