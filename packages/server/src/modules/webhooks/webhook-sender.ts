import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { AttemptResult } from './webhook-retry';
import { isPrivateAddress } from './webhook-target';

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivateTargets: boolean;
}

export type SentAttempt = AttemptResult & { durationMs: number; excerpt: string | null };

const EXCERPT_CHARS = 500;

/** Resolves as usual, then refuses a private address (the SSRF guard of webhook-target, applied per request). */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as LookupAddress[];
    const refused = list.find((entry) => isPrivateAddress(entry.address));
    if (refused) {
      const denied = Object.assign(
        new Error(`${hostname} resolves to a private address (${refused.address})`),
        {
          code: 'EPRIVATETARGET',
        },
      );
      return callback(denied, '', 0);
    }
    if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
    const first = list[0]!;
    callback(null, first.address, first.family);
  });
};

/**
 * One POST with a hard deadline for the whole exchange (connect, headers and body). Redirects are not followed:
 * the signature was made for this URL. Never throws: a failure is an `error` result with what went wrong.
 */
export function sendWebhook(request: WebhookRequest): Promise<SentAttempt> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: AttemptResult, excerpt: string | null = null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed(), excerpt });
    };
    const url = new URL(request.url);
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body).toString() },
        ...(request.allowPrivateTargets ? {} : { lookup: publicOnlyLookup }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < EXCERPT_CHARS * 4) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_CHARS);
          const retryAfter = res.headers['retry-after'];
          finish({ kind: 'response', status: res.statusCode ?? 0, retryAfter }, text || null);
        });
        res.on('error', (error) => finish({ kind: 'error', message: describe(error) }));
      },
    );
    const timer = setTimeout(() => {
      finish({ kind: 'error', message: `no answer within ${request.timeoutMs} ms` });
      req.destroy();
    }, request.timeoutMs);
    req.on('error', (error) => finish({ kind: 'error', message: describe(error) }));
    req.end(request.body);
  });
}

function describe(error: Error & { code?: string }): string {
  if (error.code === 'EPRIVATETARGET') return error.message;
  return error.code ? `${error.code}: ${error.message}` : error.message;
}
