import { z } from 'zod';
import { isoDateTime } from './common.schemas';
import { emailSchema } from './leads.schemas';

export const MAX_EVENTS_PER_CALL = 1000;

export const eventInputSchema = z
  .strictObject({
    /** The client's own id for the event: sending it again is harmless. */
    id: z.string().min(1).max(255),
    leadId: z.uuid().optional(),
    email: emailSchema.optional(),
    type: z.string().regex(/^[a-z][a-z0-9_.:-]{0,63}$/, 'must be a lowercase event type such as page_view'),
    occurredAt: isoDateTime,
    properties: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((e) => (e.leadId === undefined) !== (e.email === undefined), {
    message: 'give exactly one of leadId or email',
    path: ['leadId'],
  });
export type EventInput = z.infer<typeof eventInputSchema>;

export const eventBatchSchema = z.strictObject({
  events: z.array(eventInputSchema).min(1).max(MAX_EVENTS_PER_CALL),
});

export const eventBatchResultSchema = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  createdLeads: z.number().int(),
  transitions: z.array(z.object({ leadId: z.uuid(), from: z.string(), to: z.string(), rule: z.string() })),
  /**
   * Types of accepted events the policy does not name: they are kept in the ledger and count once the policy
   * names them (a policy change replays the ledger), but they did not move any score now. Usually a typo.
   */
  unscoredTypes: z.array(z.string()),
});
export type EventBatchResult = z.infer<typeof eventBatchResultSchema>;

export const leadEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  occurredAt: isoDateTime,
  properties: z.record(z.string(), z.unknown()).nullable(),
});
export const leadEventListSchema = z.object({ items: z.array(leadEventSchema) });
