import { useQuery } from '@tanstack/react-query';
import { STAGE_LABELS, type Stage } from '@triage/core';
import { api } from '../api/api-client';
import { humanize } from '../logic/format';

interface Item {
  key: string;
  at: string;
  kind: 'event' | 'transition' | 'note';
  title: string;
  detail: string | null;
}

const propertyText = (properties: Record<string, unknown> | null) =>
  properties
    ? Object.entries(properties)
        .slice(0, 4)
        .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' · ')
    : null;

/** Events, stage changes and notes, newest first. Everything from the lead is rendered as text. */
export function Timeline({ leadId }: { leadId: string }) {
  const events = useQuery({
    queryKey: ['lead', leadId, 'events'],
    queryFn: () => api.leadEvents(leadId, 100),
  });
  const transitions = useQuery({
    queryKey: ['lead', leadId, 'transitions'],
    queryFn: () => api.leadTransitions(leadId),
  });
  const notes = useQuery({
    queryKey: ['lead', leadId, 'notes'],
    queryFn: () => api.listNotes(leadId),
    retry: false,
  });
  const items: Item[] = [
    ...(events.data?.items ?? []).map((e) => ({
      key: `e-${e.id}`,
      at: e.occurredAt,
      kind: 'event' as const,
      title: humanize(e.type),
      detail: propertyText(e.properties),
    })),
    ...(transitions.data?.items ?? []).map((t) => ({
      key: `t-${t.id}`,
      at: t.at,
      kind: 'transition' as const,
      title: t.from
        ? `${STAGE_LABELS[t.from as Stage]} → ${STAGE_LABELS[t.to as Stage]}`
        : `Created as ${STAGE_LABELS[t.to as Stage]}`,
      detail:
        [t.reason && humanize(t.reason), t.why, t.note, t.rule ? `rule: ${t.rule}` : `by ${t.actor.kind}`]
          .filter(Boolean)
          .join(' · ') || null,
    })),
    ...(notes.data?.items ?? []).map((n) => ({
      key: `n-${n.id}`,
      at: n.createdAt,
      kind: 'note' as const,
      title: 'Note',
      detail: n.text,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Activity</h2>
      {(events.isPending || transitions.isPending) && <p className="muted">Loading…</p>}
      <ol className="timeline">
        {items.map((item) => (
          <li key={item.key} className={`tl tl-${item.kind}`}>
            <span className="tl-dot" aria-hidden="true" />
            <div>
              <div className="tl-title">
                <strong>{item.title}</strong>
                <time dateTime={item.at} className="muted small">
                  {new Date(item.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}
                </time>
              </div>
              {item.detail && (
                <p className={item.kind === 'note' ? 'tl-note-text' : 'muted small'}>{item.detail}</p>
              )}
            </div>
          </li>
        ))}
      </ol>
      {!events.isPending && items.length === 0 && <p className="muted">Nothing has happened yet.</p>}
    </section>
  );
}
