import type { LeadListQuery } from '@triage/contracts';
import { decodeCursor, encodeCursor, isFiniteNumber, isIsoInstant, isUuid } from '../../cursor';
import { toIso } from '../../db/timestamps';
import type { LeadRow } from './lead-row';

type LeadSort = LeadListQuery['sort'];

const KEY_CHECKS = {
  heat: (key: unknown[]): key is [number | null, string] =>
    key.length === 2 && (key[0] === null || isFiniteNumber(key[0])) && isUuid(key[1]),
  // fit_score is a smallint: anything but an integer in its range would make the query fail.
  fit: (key: unknown[]): key is [number, string] =>
    key.length === 2 && Number.isInteger(key[0]) && Math.abs(key[0] as number) <= 32767 && isUuid(key[1]),
  created: (key: unknown[]): key is [string, string] =>
    key.length === 2 && isIsoInstant(key[0]) && isUuid(key[1]),
} satisfies Record<LeadSort, (key: unknown[]) => boolean>;

/** The sort key of the row after which the next page starts, checked against the sort it is used with. */
export function decodeLeadCursor(cursor: string, sort: LeadSort): unknown[] {
  const isKey: (key: unknown[]) => key is unknown[] = KEY_CHECKS[sort];
  return decodeCursor(cursor, `leads:${sort}`, isKey);
}

export function leadCursor(sort: LeadSort, last: LeadRow): string {
  const key =
    sort === 'heat'
      ? [last.hotKey, last.id]
      : sort === 'fit'
        ? [last.fitScore, last.id]
        : [toIso(last.createdAt), last.id];
  return encodeCursor(`leads:${sort}`, key);
}
