import { HttpError } from './http-error';

/**
 * Opaque page cursors: the list and sort they were issued for, and the sort key of the last row, as
 * base64url-encoded JSON. The list is part of the cursor so that one issued for another sort or list is refused
 * with a 400 instead of reaching SQL with a key of the wrong type.
 */
export type CursorList = 'leads:heat' | 'leads:fit' | 'leads:created' | 'accounts:name' | 'follow-ups:queue';

export function encodeCursor(list: CursorList, key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify({ list, key })).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
export const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
export const isIsoInstant = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));

const cursorIssue = (message: string) =>
  new HttpError(400, 'validation_failed', `Invalid query: /cursor ${message}`, [
    { location: 'query', pointer: '/cursor', message },
  ]);

function parse(cursor: string): { list?: unknown; key?: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The key of a cursor issued for `list`; a 400 on /cursor for anything else, never a query with a bad key. */
export function decodeCursor<K extends unknown[]>(
  cursor: string,
  list: CursorList,
  isKey: (key: unknown[]) => key is K,
): K {
  const parsed = parse(cursor);
  if (!parsed || typeof parsed.list !== 'string' || !Array.isArray(parsed.key))
    throw cursorIssue('is not a cursor this API issued');
  if (parsed.list !== list) {
    const [issuedList, issuedSort] = parsed.list.split(':');
    const [wantedList] = list.split(':');
    throw cursorIssue(
      issuedList === wantedList
        ? `belongs to another sort (sort=${issuedSort}); ask for the first page again without a cursor`
        : `belongs to another list (${issuedList}); ask for the first page again without a cursor`,
    );
  }
  if (!isKey(parsed.key)) throw cursorIssue('is not a cursor this API issued');
  return parsed.key;
}
