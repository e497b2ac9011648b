import type { EngagementPolicy } from '../policy/scoring-policy';
import { MS_PER_DAY } from '../units';
import { type CapBucket, type EngagementEvent, eventTypePolicy, recomputeEngagement } from './engagement';

/** An event of one lead, as a batch hands it to scoring. */
export interface LeadEvent extends EngagementEvent {
  leadId: string;
}

export interface TimeRange {
  leadId: string;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

/** The event types a policy caps: only their earlier events matter to a new event's score. */
export const cappedTypes = (policy: EngagementPolicy): string[] =>
  Object.keys(policy.eventTypes).filter((type) => eventTypePolicy(type, policy)?.cap !== undefined);

/**
 * The time ranges of every capped window the new events fall in, merged per lead (a day inside a week becomes
 * one range), so the earlier events of those windows can be read back from the ledger in one range scan each.
 */
export const capWindowRanges = (events: readonly LeadEvent[], policy: EngagementPolicy): TimeRange[] => {
  const byLead = new Map<string, [number, number][]>();
  for (const event of events) {
    const cap = eventTypePolicy(event.type, policy)?.cap;
    if (cap === undefined) continue;
    const windowMs = cap.windowDays * MS_PER_DAY;
    const from = Math.floor(event.occurredAt / windowMs) * windowMs;
    const list = byLead.get(event.leadId);
    if (list) list.push([from, from + windowMs]);
    else byLead.set(event.leadId, [[from, from + windowMs]]);
  }
  const ranges: TimeRange[] = [];
  for (const [leadId, list] of byLead) {
    list.sort((a, b) => a[0] - b[0]);
    let [from, to] = list[0]!;
    for (const [start, end] of list.slice(1)) {
      if (start <= to) to = Math.max(to, end);
      else {
        ranges.push({ leadId, from, to });
        [from, to] = [start, end];
      }
    }
    ranges.push({ leadId, from, to });
  }
  return ranges;
};

/**
 * The cap buckets of one lead rebuilt from its earlier ledger events (those the new batch is not part of): the
 * same totals a stored bucket would hold, so `applyEngagementEvents` gives the same answer without a second
 * copy of the ledger to keep in step with it.
 */
export const capBucketsFromLedger = (
  earlier: readonly EngagementEvent[],
  policy: EngagementPolicy,
): CapBucket[] => recomputeEngagement(earlier, policy).buckets;
