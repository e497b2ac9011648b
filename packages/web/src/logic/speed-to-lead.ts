import type { Lead } from '@triage/contracts';

/** Inbound hand-raisers should hear from a rep within minutes; after an hour the lead has usually gone cold. */
export const SPEED_TO_LEAD_TARGET_MIN = 5;
export const SPEED_TO_LEAD_LATE_MIN = 60;

export interface Waiting {
  minutes: number;
  status: 'on_time' | 'overdue' | 'late';
}

const WAITING_STAGES = new Set(['subscriber', 'lead', 'mql', 'pql', 'cql']);

/** How long an uncontacted hand-raiser has been waiting, or null when nobody is waiting. */
export function waitingSince(
  lead: Pick<Lead, 'firstHandRaiseAt' | 'firstContactedAt' | 'stage'>,
  now: number,
): Waiting | null {
  if (!lead.firstHandRaiseAt || lead.firstContactedAt || !WAITING_STAGES.has(lead.stage)) return null;
  const minutes = Math.max(0, (now - Date.parse(lead.firstHandRaiseAt)) / 60_000);
  const status =
    minutes <= SPEED_TO_LEAD_TARGET_MIN ? 'on_time' : minutes <= SPEED_TO_LEAD_LATE_MIN ? 'overdue' : 'late';
  return { minutes, status };
}
