/**
 * drizzle installs its own type parsers on both drivers, so a raw query hands back timestamptz as a Date on
 * one path and as PostgreSQL's text form ("2026-06-01 09:00:00.123+00") on another. Everything that leaves a
 * repository goes through here.
 */
export function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  const iso = value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`unreadable timestamp from the database: ${value}`);
  return date;
}

export const toIso = (value: Date | string): string => toDate(value).toISOString();
export const toIsoOrNull = (value: Date | string | null): string | null =>
  value === null ? null : toIso(value);
