import { z } from 'zod';

export const funnelQuery = z
  .object({
    from: z.iso.date('must be a date such as 2026-01-31').optional(),
    to: z.iso.date('must be a date such as 2026-12-31').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  });

export const funnelSchema = z.object({
  from: z.string(),
  to: z.string(),
  stages: z.array(z.object({ stage: z.string(), current: z.number().int(), entered: z.number().int() })),
  conversions: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      entered: z.number().int(),
      converted: z.number().int(),
      rate: z.number().nullable(),
    }),
  ),
  timeInStage: z.array(
    z.object({ stage: z.string(), medianHours: z.number().nullable(), samples: z.number().int() }),
  ),
  disqualificationReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
});
export type Funnel = z.infer<typeof funnelSchema>;
