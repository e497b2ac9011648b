import { createHash, randomBytes } from 'node:crypto';

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
export const randomToken = (bytes = 24) => randomBytes(bytes).toString('base64url');
