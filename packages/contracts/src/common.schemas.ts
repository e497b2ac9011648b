import { z } from 'zod';

export const uuidSchema = z.uuid();
export const isoDateTime = z.iso.datetime({ offset: true });
export const idParams = z.object({ id: z.uuid() });

/** One offending field: where (an RFC 6901 JSON pointer into the request) and what is wrong. */
export const fieldIssueSchema = z.object({
  location: z.enum(['body', 'query', 'params', 'headers']).optional(),
  pointer: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorSchema = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(fieldIssueSchema).optional(),
  allowed: z.array(z.string()).optional(),
});
export type ErrorBody = z.infer<typeof errorSchema>;

export const customFieldsSchema = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'custom field keys are letters, digits and _'),
    z.unknown(),
  )
  .refine((value) => Object.keys(value).length <= 100, 'at most 100 custom fields');

export const HEAT_TIERS = ['cold', 'warm', 'hot', 'on_fire'] as const;
export const heatTierSchema = z.enum(HEAT_TIERS);
export type HeatTier = z.infer<typeof heatTierSchema>;

export const cursorPageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};
