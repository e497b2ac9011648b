import type { FieldIssue } from '@triage/contracts';

/** An error a client caused and can act on; anything else is a 500 whose details stay in the log. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: FieldIssue[],
    readonly allowed?: string[],
    /** More fields for the error body (a merged lead's 404 names `mergedInto`). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} was not found`);

export const invalid = (issues: FieldIssue[], message = 'The request is invalid') =>
  new HttpError(400, 'validation_failed', message, issues);

export const conflict = (code: string, message: string, allowed?: string[]) =>
  new HttpError(409, code, message, undefined, allowed);

/** RFC 6901: "~" and "/" inside a key are escaped so the pointer stays unambiguous. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
