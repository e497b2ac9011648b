const MIN = 60_000;

/** "just now", "12 min ago", "3 h ago", "5 d ago", then a date. */
export function relativeTime(iso: string | null, now: number): string {
  if (!iso) return '—';
  const ms = now - Date.parse(iso);
  if (ms < MIN) return 'just now';
  if (ms < 60 * MIN) return `${Math.floor(ms / MIN)} min ago`;
  if (ms < 24 * 60 * MIN) return `${Math.floor(ms / (60 * MIN))} h ago`;
  if (ms < 30 * 24 * 60 * MIN) return `${Math.floor(ms / (24 * 60 * MIN))} d ago`;
  return new Date(iso).toISOString().slice(0, 10);
}

export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 1) return '< 1 min';
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${Math.round((minutes / 60) * 10) / 10} h`;
  return `${Math.round(minutes / 1440)} d`;
}

export function formatHours(hours: number | null): string {
  return hours === null ? '—' : formatMinutes(hours * 60);
}

export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

const ACRONYMS: Record<string, string> = { vp: 'VP', c_level: 'C-level', sql: 'SQL', mql: 'MQL', sal: 'SAL' };

export const humanize = (key: string) =>
  ACRONYMS[key] ?? key.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
