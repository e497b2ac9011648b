import { createHmac } from 'node:crypto';
import { webhookPayloadSchema } from '@triage/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideAttempt } from '../src/modules/webhooks/webhook-attempt';
import {
  heatTierChangedEvent,
  leadCreatedEvent,
  modelActivatedEvent,
  pingEvent,
  stageChangedEvent,
  webhookEnvelope,
} from '../src/modules/webhooks/webhook-payloads';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  decideAfterAttempt,
  parseRetryAfter,
} from '../src/modules/webhooks/webhook-retry';
import {
  newWebhookSecret,
  signatureHeader,
  verifySignature,
} from '../src/modules/webhooks/webhook-signature';
import { isPrivateAddress, privateTargetProblem } from '../src/modules/webhooks/webhook-target';

const NOW = Date.parse('2026-06-01T09:00:00Z');
const MINUTE = 60_000;

describe('webhook signatures', () => {
  const body = '{"id":"e1","type":"lead.created"}';
  const secret = 'whsec_test';

  it('is the Stripe-style t=…,v1=… header a receiver can recompute with plain HMAC-SHA256', () => {
    const header = signatureHeader(body, [secret], 1_780_000_000);
    const expected = createHmac('sha256', secret).update(`1780000000.${body}`).digest('hex');
    expect(header).toBe(`t=1780000000,v1=${expected}`);
    expect(verifySignature(header, body, secret, 1_780_000_010)).toEqual({ ok: true });
  });

  it('refuses a changed body, another secret, and a replay outside the tolerance', () => {
    const header = signatureHeader(body, [secret], 1_780_000_000);
    expect(verifySignature(header, `${body} `, secret, 1_780_000_000).ok).toBe(false);
    expect(verifySignature(header, body, 'whsec_other', 1_780_000_000).ok).toBe(false);
    expect(verifySignature(header, body, secret, 1_780_000_301)).toEqual({
      ok: false,
      why: 'timestamp outside tolerance',
    });
    expect(verifySignature('v1=abc', body, secret, 1_780_000_000)).toEqual({
      ok: false,
      why: 'no timestamp',
    });
  });

  it('signs with every live secret during a rotation, and either one verifies', () => {
    const header = signatureHeader(body, ['whsec_new', 'whsec_old'], 1_780_000_000);
    expect(header.split(',')).toHaveLength(3);
    expect(verifySignature(header, body, 'whsec_new', 1_780_000_000).ok).toBe(true);
    expect(verifySignature(header, body, 'whsec_old', 1_780_000_000).ok).toBe(true);
  });

  it('makes a fresh, long secret each time', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });

  it('verifies any body it signed, and only that body', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (anyBody, extra) => {
        const header = signatureHeader(anyBody, [secret], 1_780_000_000);
        expect(verifySignature(header, anyBody, secret, 1_780_000_000).ok).toBe(true);
        expect(verifySignature(header, anyBody + extra, secret, 1_780_000_000).ok).toBe(false);
      }),
    );
  });
});

describe('webhook retry schedule', () => {
  it('backs off 1, 4, 16 and 64 minutes, then caps at 12 hours', () => {
    const schedule = [1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, DEFAULT_RETRY_POLICY));
    expect(schedule.slice(0, 4)).toEqual([1, 4, 16, 64].map((m) => m * MINUTE));
    expect(schedule.slice(5)).toEqual([12 * 60 * MINUTE, 12 * 60 * MINUTE]);
    // Eight attempts in all span about 30 hours.
    expect(schedule.reduce((a, b) => a + b, 0) / 3_600_000).toBeCloseTo(29.7, 1);
  });

  it('jitters each wait by at most a fifth either way', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (n, jitter) => {
          const plain = backoffDelay(n, DEFAULT_RETRY_POLICY);
          const jittered = backoffDelay(n, DEFAULT_RETRY_POLICY, jitter);
          expect(jittered).toBeGreaterThanOrEqual(Math.floor(plain * 0.8));
          expect(jittered).toBeLessThanOrEqual(Math.ceil(plain * 1.2));
        },
      ),
    );
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it('delivers on 2xx, retries network errors, 5xx and 429, and fails other answers at once', () => {
    const decide = (result: Parameters<typeof decideAfterAttempt>[0], attempt = 1) =>
      decideAfterAttempt(result, attempt, DEFAULT_RETRY_POLICY, NOW);
    expect(decide({ kind: 'response', status: 204 })).toEqual({ outcome: 'delivered' });
    expect(decide({ kind: 'response', status: 502 })).toEqual({
      outcome: 'retry',
      delayMs: MINUTE,
      why: 'answered 502',
    });
    expect(decide({ kind: 'error', message: 'ECONNRESET' })).toMatchObject({ outcome: 'retry' });
    expect(decide({ kind: 'response', status: 429, retryAfter: '7' })).toMatchObject({
      outcome: 'retry',
      delayMs: 7_000,
    });
    // A receiver asking for a week gets the longest backoff instead.
    expect(decide({ kind: 'response', status: 503, retryAfter: String(7 * 86_400) })).toMatchObject({
      delayMs: DEFAULT_RETRY_POLICY.maxDelayMs,
    });
    expect(decide({ kind: 'response', status: 404 })).toEqual({
      outcome: 'failed',
      why: 'answered 404: not retried',
    });
    expect(decide({ kind: 'response', status: 301 })).toMatchObject({ outcome: 'failed' });
    expect(decide({ kind: 'response', status: 500 }, 8)).toEqual({
      outcome: 'failed',
      why: 'answered 500: gave up after 8 attempts',
    });
  });

  it('phrases an attempt as its log line and the delivery’s next state', () => {
    const sent = { kind: 'response' as const, status: 500, durationMs: 40, excerpt: 'boom' };
    expect(decideAttempt(sent, 2, DEFAULT_RETRY_POLICY, NOW, 0.5)).toEqual({
      attempt: 2,
      durationMs: 40,
      responseStatus: 500,
      responseExcerpt: 'boom',
      error: 'answered 500',
      status: 'pending',
      nextRetryAt: new Date(NOW + 40 + 4 * MINUTE),
      finishedAt: null,
    });
    const timeout = {
      kind: 'error' as const,
      message: 'no answer within 10000 ms',
      durationMs: 10_000,
      excerpt: null,
    };
    expect(decideAttempt(timeout, 8, DEFAULT_RETRY_POLICY, NOW, 0.5)).toMatchObject({
      responseStatus: null,
      status: 'failed',
      nextRetryAt: null,
      finishedAt: new Date(NOW + 10_000),
    });
  });
});

describe('webhook payloads', () => {
  const tenantId = '0190a0a0-0000-7000-8000-000000000001';
  const leadId = '0190a0a0-0000-7000-8000-000000000002';
  const envelope = (event: Parameters<typeof webhookEnvelope>[1]) =>
    webhookPayloadSchema.parse(
      JSON.parse(
        JSON.stringify(
          webhookEnvelope('0190a0a0-0000-7000-8000-0000000000ee', event, new Date(NOW), tenantId),
        ),
      ),
    );

  it('wraps every kind in the documented, versioned envelope', () => {
    const created = envelope(
      leadCreatedEvent(
        {
          id: leadId,
          email: 'ana@contoso.com',
          stage: 'lead',
          source: null,
          accountId: null,
          ownerId: null,
          fitScore: 70,
          fitKnockedOut: false,
          createdAt: new Date(NOW),
        },
        { kind: 'api_key', id: 'k1' },
      ),
    );
    expect(created).toMatchObject({
      type: 'lead.created',
      version: 1,
      tenantId,
      createdAt: '2026-06-01T09:00:00.000Z',
    });
    const model = envelope(
      modelActivatedEvent({
        id: leadId,
        version: 3,
        trainingRows: 400,
        rocAuc: 0.81,
        activatedAt: new Date(NOW),
      }),
    );
    expect(model.data).toMatchObject({ model: { version: 3, rocAuc: 0.81 } });
    expect(envelope(pingEvent(leadId)).type).toBe('webhook.ping');
  });

  it('reports a stage change with from, to, rule, reason and actor, and not the creation', () => {
    const row = {
      id: '0190a0a0-0000-7000-8000-000000000003',
      leadId,
      fromStage: 'lead',
      toStage: 'mql',
      reason: null,
      note: null,
      actorKind: 'rule',
      actorId: 'policy:2',
      rule: 'score_threshold',
      why: 'Fit 70 and engagement 35 passed the MQL bar',
      at: new Date(NOW),
    };
    expect(envelope(stageChangedEvent(row)!).data).toEqual({
      leadId,
      transitionId: row.id,
      from: 'lead',
      to: 'mql',
      rule: 'score_threshold',
      reason: null,
      why: row.why,
      note: null,
      actor: { kind: 'rule', id: 'policy:2' },
      at: '2026-06-01T09:00:00.000Z',
    });
    expect(stageChangedEvent({ ...row, fromStage: null })).toBeUndefined();
  });

  it('reports heat only when a lead climbs into hot or on fire', () => {
    const at = new Date(NOW);
    expect(heatTierChangedEvent(leadId, 'cold', 'hot', 41.234, at)?.data).toMatchObject({
      from: 'cold',
      to: 'hot',
      engagement: 41.23,
    });
    expect(heatTierChangedEvent(leadId, 'hot', 'on_fire', 90, at)?.data.to).toBe('on_fire');
    expect(heatTierChangedEvent(leadId, 'cold', 'warm', 20, at)).toBeUndefined();
    expect(heatTierChangedEvent(leadId, 'hot', 'hot', 60, at)).toBeUndefined();
    expect(heatTierChangedEvent(leadId, 'on_fire', 'hot', 60, at)).toBeUndefined();
  });
});

describe('webhook targets', () => {
  it('calls loopback, private, link-local, CGNAT and unique-local addresses private', () => {
    for (const ip of [
      '127.0.0.1',
      '10.0.0.8',
      '172.20.1.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1'])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:1.1.1.1'])
      expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it('names the problem with a private host in a URL, and lets public ones through', () => {
    expect(privateTargetProblem('http://[::1]:8080/x')).toMatch(/private or loopback/);
    expect(privateTargetProblem('http://localhost/x')).toMatch(/local or internal/);
    expect(privateTargetProblem('http://api.localhost./x')).toMatch(/local or internal/);
    expect(privateTargetProblem('https://hooks.example.com/x')).toBeUndefined();
    expect(privateTargetProblem('https://93.184.216.34/x')).toBeUndefined();
  });
});
