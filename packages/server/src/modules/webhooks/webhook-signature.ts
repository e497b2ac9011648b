import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, one v1 per live secret (two while a rotation overlaps). */
export const SIGNATURE_HEADER = 'x-triage-signature';
/** The delivery id: the same on every retry of one event to one endpoint, for the receiver to dedupe. */
export const DELIVERY_HEADER = 'x-triage-delivery';
export const EVENT_TYPE_HEADER = 'x-triage-event';

/** A receiver should refuse a signature older than this: it bounds how long a captured request can be replayed. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

const hmacHex = (secret: string, timestamp: number, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

export function signatureHeader(body: string, secrets: readonly string[], timestampSeconds: number): string {
  return [
    `t=${timestampSeconds}`,
    ...secrets.map((secret) => `v1=${hmacHex(secret, timestampSeconds, body)}`),
  ].join(',');
}

export type SignatureCheck = { ok: true } | { ok: false; why: string };

/** What a receiver does (the README shows the same steps): parse, check the age, compare in constant time. */
export function verifySignature(
  header: string,
  body: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
): SignatureCheck {
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(timestamp)) return { ok: false, why: 'no timestamp' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds)
    return { ok: false, why: 'timestamp outside tolerance' };
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  const matches = parts.some(([key, value]) => {
    if (key !== 'v1' || !value || !/^[0-9a-f]{64}$/.test(value)) return false;
    return timingSafeEqual(Buffer.from(value, 'hex'), expected);
  });
  return matches ? { ok: true } : { ok: false, why: 'no signature matches' };
}
