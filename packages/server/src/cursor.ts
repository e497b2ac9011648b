import { HttpError } from './http-error';

/** Opaque page cursors: the sort key of the last row, base64url-encoded JSON. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity) return values;
  } catch {}
  throw new HttpError(400, 'validation_failed', 'The cursor is not one this API issued', [
    { location: 'query', pointer: '/cursor', message: 'is not a valid cursor' },
  ]);
}
