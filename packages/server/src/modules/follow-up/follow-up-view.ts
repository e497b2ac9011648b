import type { FollowUpStatusView, Touch, TouchKind } from '@triage/contracts';
import type { FollowUpFacts, FollowUpStatus, ScoringPolicy, Stage } from '@triage/core';
import { toDate, toIso } from '../../db/timestamps';
import type { FollowUpRow, TouchRow } from './follow-up.repository';

const ms = (value: Date | string | null): number | null => (value === null ? null : toDate(value).getTime());
const iso = (at: number) => new Date(at).toISOString();
const isoOrNull = (at: number | null) => (at === null ? null : iso(at));

/** Event types the policy treats as hand-raises: the ones that can have started a clock. */
export const handRaiserTypes = (policy: ScoringPolicy): string[] =>
  Object.entries(policy.engagement.eventTypes)
    .filter(([, type]) => type.handRaiser)
    .map(([name]) => name);

export function followUpFacts(row: FollowUpRow): FollowUpFacts {
  return {
    stage: row.stage as Stage,
    handRaisedAt: ms(row.firstHandRaiseAt),
    handRaiseType: row.handRaiseType,
    contactedAt: ms(row.firstContactedAt),
    knockedOut: row.fitKnockedOut,
    lastActivityAt: toDate(row.followUpActivityAt).getTime(),
  };
}

export function toFollowUpView(status: FollowUpStatus): FollowUpStatusView {
  const { clock, quiet, nextAction } = status;
  return {
    urgency: status.urgency,
    clock: clock && {
      ...clock,
      startedAt: iso(clock.startedAt),
      dueAt: iso(clock.dueAt),
      escalatesAt: isoOrNull(clock.escalatesAt),
      contactedAt: isoOrNull(clock.contactedAt),
    },
    quiet: quiet && { ...quiet, since: iso(quiet.since) },
    nextAction: nextAction && { ...nextAction, by: isoOrNull(nextAction.by) },
    openNow: status.openNow,
  };
}

export const toTouchView = (row: TouchRow): Touch => ({
  id: row.id,
  leadId: row.leadId,
  kind: row.kind as TouchKind,
  at: toIso(row.at),
  note: row.note,
  actor: { kind: row.actorKind, id: row.actorId },
  createdAt: toIso(row.createdAt),
});
