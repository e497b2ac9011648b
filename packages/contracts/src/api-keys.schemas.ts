import { z } from 'zod';
import { isoDateTime } from './common.schemas';

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The first characters of the key, to tell keys apart; the key itself is never shown again. */
  prefix: z.string(),
  createdAt: isoDateTime,
  revokedAt: isoDateTime.nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const apiKeyListSchema = z.object({ items: z.array(apiKeySchema) });
export type ApiKeyList = z.infer<typeof apiKeyListSchema>;

export const newApiKeyInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'is longer than 100 characters'),
});
export type NewApiKeyInput = z.infer<typeof newApiKeyInputSchema>;

/** The one answer that carries the key: store it now. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
