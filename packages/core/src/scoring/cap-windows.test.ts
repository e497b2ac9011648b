import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { days } from '../units';
import { capBucketsFromLedger, cappedTypes, capWindowRanges, type LeadEvent } from './cap-windows';
import {
  applyEngagementEvents,
  EMPTY_ENGAGEMENT,
  type EngagementState,
  recomputeEngagement,
} from './engagement';
import { TIGHT_CAPS_POLICY } from './tight-caps-policy.fixture';

const policy = TIGHT_CAPS_POLICY;
const T0 = Date.UTC(2025, 2, 3);
const at = (day: number, hour = 0) => T0 + days(day) + hour * 3_600_000;

describe('cap windows', () => {
  it('lists the capped types of a policy', () => {
    expect(cappedTypes(policy).sort()).toEqual(['content_download', 'email_open', 'page_view']);
  });

  it('merges a day window inside a week window into one range per lead, and keeps leads apart', () => {
    const events: LeadEvent[] = [
      { leadId: 'a', type: 'page_view', occurredAt: at(2, 10) },
      { leadId: 'a', type: 'email_open', occurredAt: at(2, 11) },
      { leadId: 'a', type: 'webinar_attended', occurredAt: at(40) },
      { leadId: 'b', type: 'page_view', occurredAt: at(2, 10) },
      { leadId: 'b', type: 'page_view', occurredAt: at(30) },
    ];
    const ranges = capWindowRanges(events, policy);
    const week = days(7);
    const weekStart = Math.floor(at(2, 11) / week) * week;
    expect(ranges.filter((r) => r.leadId === 'a')).toEqual([
      { leadId: 'a', from: weekStart, to: weekStart + week },
    ]);
    expect(ranges.filter((r) => r.leadId === 'b')).toEqual([
      { leadId: 'b', from: at(2), to: at(3) },
      { leadId: 'b', from: at(30), to: at(31) },
    ]);
  });

  it('scoring each batch against buckets rebuilt from the earlier ledger equals recomputing the whole ledger', () => {
    const eventArb = fc.record({
      type: fc.constantFrom('page_view', 'page_view', 'email_open', 'content_download', 'webinar_attended'),
      occurredAt: fc.oneof(fc.integer({ min: at(0), max: at(3) }), fc.integer({ min: at(0), max: at(40) })),
    });
    const batchesArb = fc.array(fc.array(eventArb, { minLength: 1, maxLength: 12 }), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(batchesArb, (batches) => {
        const ledger: LeadEvent[] = [];
        let state: EngagementState = EMPTY_ENGAGEMENT;
        for (const batch of batches) {
          const fresh = batch.map((e) => ({ ...e, leadId: 'lead' }));
          const ranges = capWindowRanges(fresh, policy);
          const capped = new Set(cappedTypes(policy));
          const earlier = ledger.filter(
            (e) => capped.has(e.type) && ranges.some((r) => e.occurredAt >= r.from && e.occurredAt < r.to),
          );
          state = applyEngagementEvents(state, capBucketsFromLedger(earlier, policy), fresh, policy).state;
          ledger.push(...fresh);
        }
        const full = recomputeEngagement(ledger, policy).state;
        expect(state.asOf).toBe(full.asOf);
        expect(Math.abs(state.value - full.value)).toBeLessThanOrEqual(1e-9 * Math.max(1, full.value));
      }),
      { numRuns: 300 },
    );
  });
});
