import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { HeatTier, Lead } from '@triage/contracts';
import { OPEN_STAGES, STAGE_LABELS, STAGES } from '@triage/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/api-client';
import { useLiveUpdates } from '../api/use-live-updates';
import { useOwners } from '../api/use-owners';
import { formatMinutes, relativeTime } from '../logic/format';
import { isTypingTarget, moveSelection } from '../logic/list-navigation';
import { waitingSince } from '../logic/speed-to-lead';
import { navigate, useDocumentTitle } from '../routing/router';
import { HeatFlames } from '../ui/heat-flames';
import { LeadCell } from '../ui/lead-cell';
import { ShowMore } from '../ui/show-more';
import { FitMeter, StageBadge } from '../ui/stage-badge';

const HEATS: { value: HeatTier; label: string }[] = [
  { value: 'on_fire', label: 'On fire' },
  { value: 'hot', label: 'Hot' },
  { value: 'warm', label: 'Warm' },
  { value: 'cold', label: 'Cold' },
];

interface Filters {
  q: string;
  stage: string;
  heat: string;
  owner: string;
  minFit: string;
  sort: 'heat' | 'fit' | 'created';
}

const INITIAL: Filters = { q: '', stage: 'open', heat: '', owner: '', minFit: '', sort: 'heat' };

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function InboxScreen() {
  useDocumentTitle('Inbox');
  const [filters, setFilters] = useState<Filters>(INITIAL);
  const q = useDebounced(filters.q.trim(), 250);
  const { owners, nameOf } = useOwners();
  const live = useLiveUpdates();
  const searchRef = useRef<HTMLInputElement>(null);
  const [selected, setSelected] = useState(-1);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const params = {
    ...(q ? { q } : {}),
    ...(filters.stage === 'open' ? { stage: OPEN_STAGES } : filters.stage ? { stage: [filters.stage] } : {}),
    ...(filters.heat ? { heat: filters.heat } : {}),
    ...(filters.owner ? { owner: filters.owner } : {}),
    ...(filters.minFit ? { minFit: Number(filters.minFit) } : {}),
    sort: filters.sort,
    limit: 50,
  };
  const leads = useInfiniteQuery({
    queryKey: ['leads', 'inbox', params],
    queryFn: ({ pageParam }) => api.listLeads({ ...params, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = useMemo(() => leads.data?.pages.flatMap((p) => p.items) ?? [], [leads.data]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (isTypingTarget(event.target)) {
        if (event.key === 'Escape') (event.target as HTMLElement).blur();
        return;
      }
      if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
        return;
      }
      if (event.key === 'Enter' && selected >= 0 && items[selected]) {
        navigate(`/leads/${items[selected].id}`);
        return;
      }
      const next = moveSelection(selected, event.key, items.length);
      if (next !== null) {
        event.preventDefault();
        setSelected(next);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, selected]);

  useEffect(() => {
    if (selected < 0) return;
    document.querySelector(`[data-row="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setSelected(-1);
  };

  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <div className="screen-head">
        <h1 id="inbox-title">Lead inbox</h1>
        <p className="muted small live-status" aria-live="polite">
          <span className={live.connected ? 'dot on' : 'dot'} aria-hidden="true" />
          {live.connected ? 'Live' : 'Offline'}
          {live.updates > 0 ? ` · ${live.updates} update${live.updates === 1 ? '' : 's'} received` : ''}
        </p>
      </div>
      <search className="filters">
        <input
          ref={searchRef}
          type="search"
          placeholder="Search name, email, company  ( / )"
          aria-label="Search leads by name, email or company"
          value={filters.q}
          onChange={(e) => set({ q: e.target.value })}
        />
        <select aria-label="Stage" value={filters.stage} onChange={(e) => set({ stage: e.target.value })}>
          <option value="open">Open stages</option>
          <option value="">All stages</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {STAGE_LABELS[s]}
            </option>
          ))}
        </select>
        <select aria-label="Heat" value={filters.heat} onChange={(e) => set({ heat: e.target.value })}>
          <option value="">Any heat</option>
          {HEATS.map((h) => (
            <option key={h.value} value={h.value}>
              {h.label}
            </option>
          ))}
        </select>
        <select aria-label="Owner" value={filters.owner} onChange={(e) => set({ owner: e.target.value })}>
          <option value="">Any owner</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Minimum fit"
          value={filters.minFit}
          onChange={(e) => set({ minFit: e.target.value })}
        >
          <option value="">Any fit</option>
          <option value="25">Fit 25+</option>
          <option value="50">Fit 50+</option>
          <option value="75">Fit 75+</option>
        </select>
        <select
          aria-label="Sort by"
          value={filters.sort}
          onChange={(e) => set({ sort: e.target.value as Filters['sort'] })}
        >
          <option value="heat">Hottest first</option>
          <option value="fit">Best fit first</option>
          <option value="created">Newest first</option>
        </select>
      </search>
      <p className="muted small keys" aria-hidden="true">
        <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>/</kbd> search
      </p>
      {leads.isError && (
        <p className="error" role="alert">
          Could not load leads: {leads.error.message}
        </p>
      )}
      <div className="table-wrap">
        <table className="lead-table" aria-label="Leads" aria-busy={leads.isFetching}>
          <thead>
            <tr>
              <th scope="col">Lead</th>
              <th scope="col">Fit</th>
              <th scope="col">Heat</th>
              <th scope="col" className="num">
                Engagement
              </th>
              <th scope="col">Stage</th>
              <th scope="col">Owner</th>
              <th scope="col">Source</th>
              <th scope="col">Last activity</th>
              <th scope="col">Waiting</th>
            </tr>
          </thead>
          <tbody>
            {items.map((lead, index) => (
              <LeadRow
                key={lead.id}
                lead={lead}
                index={index}
                selected={index === selected}
                owner={nameOf(lead.ownerId)}
                now={now}
                onSelect={() => setSelected(index)}
              />
            ))}
            {leads.isPending && <SkeletonRows />}
          </tbody>
        </table>
        {!leads.isPending && items.length === 0 && <p className="empty">No leads match these filters.</p>}
      </div>
      <ShowMore query={leads} label="Show more leads" />
    </section>
  );
}

function LeadRow({
  lead,
  index,
  selected,
  owner,
  now,
  onSelect,
}: {
  lead: Lead;
  index: number;
  selected: boolean;
  owner: string;
  now: number;
  onSelect: () => void;
}) {
  const waiting = waitingSince(lead, now);
  return (
    <tr
      data-row={index}
      className={selected ? 'selected' : undefined}
      aria-selected={selected}
      onClick={(e) => {
        onSelect();
        if (!(e.target as HTMLElement).closest('a')) navigate(`/leads/${lead.id}`);
      }}
    >
      <LeadCell lead={lead} />
      <td data-label="Fit">
        <FitMeter fit={lead.fit} />
      </td>
      <td data-label="Heat">
        <HeatFlames heat={lead.heat} />
      </td>
      <td data-label="Engagement" className="num">
        {Math.round(lead.engagement)}
      </td>
      <td data-label="Stage">
        <StageBadge stage={lead.stage} />
      </td>
      <td data-label="Owner" className="muted">
        {owner}
      </td>
      <td data-label="Source" className="muted">
        {lead.source ?? '—'}
      </td>
      <td data-label="Last activity" className="muted">
        {relativeTime(lead.lastActivityAt, now)}
      </td>
      <td data-label="Waiting">
        {waiting ? (
          <span className={`waiting waiting-${waiting.status}`} title="Hand-raiser not contacted yet">
            {formatMinutes(waiting.minutes)}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}

const SKELETON_KEYS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];

function SkeletonRows() {
  return (
    <>
      {SKELETON_KEYS.map((key) => (
        <tr key={key} className="skeleton">
          <td colSpan={9}>
            <span />
          </td>
        </tr>
      ))}
    </>
  );
}
