import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { FOLLOW_UP_QUEUE_KINDS, type FollowUpQueueItem, type FollowUpQueueKind } from '@triage/contracts';
import type { BusinessHours } from '@triage/core';
import { useMemo } from 'react';
import { api } from '../api/api-client';
import { useBusinessHours } from '../api/use-business-hours';
import { useLiveUpdates } from '../api/use-live-updates';
import { useOwners } from '../api/use-owners';
import { formatInstant, queueChips, urgencyText } from '../logic/follow-up-text';
import { Link, navigate, useDocumentTitle, useLocation } from '../routing/router';
import { HeatFlames } from '../ui/heat-flames';
import { LeadCell } from '../ui/lead-cell';
import { ShowMore } from '../ui/show-more';
import { StageBadge } from '../ui/stage-badge';

const isKind = (value: string | null): value is FollowUpQueueKind =>
  (FOLLOW_UP_QUEUE_KINDS as readonly string[]).includes(value ?? '');

/** The filters live in the address (`?kind=overdue&mine=1`), so opening a lead and coming back keeps them. */
function filterHref(kind: FollowUpQueueKind | undefined, mine: boolean): string {
  const params = new URLSearchParams();
  if (kind) params.set('kind', kind);
  if (mine) params.set('mine', '1');
  const text = params.toString();
  return text ? `/follow-up?${text}` : '/follow-up';
}

/**
 * The SDR's follow-up queue: waiting hand-raisers (escalated, overdue, due) first, then leads gone quiet, each
 * with how urgent it is, the next action and why. Refreshed by the live stream and every minute (clocks move).
 */
export function FollowUpScreen({ userId }: { userId: string }) {
  useDocumentTitle('Follow up');
  const { search } = useLocation();
  const kindParam = search.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const mine = search.get('mine') === '1';
  const live = useLiveUpdates();
  const hours = useBusinessHours();
  const { nameOf } = useOwners();
  const query = { ...(kind ? { kind } : {}), ...(mine ? { ownerId: userId } : {}), limit: 50 };
  // Under 'leads' so the live stream's refresh of lead lists covers the queue too.
  const queue = useInfiniteQuery({
    queryKey: ['leads', 'follow-ups', query],
    queryFn: ({ pageParam }) => api.followUps({ ...query, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const items = useMemo(() => queue.data?.pages.flatMap((p) => p.items) ?? [], [queue.data]);
  const chips = queueChips(queue.data?.pages[0]?.counts ?? null);

  return (
    <section className="follow-up-queue" aria-labelledby="follow-up-title">
      <div className="screen-head">
        <h1 id="follow-up-title">Follow up</h1>
        <p className="muted small live-status" aria-live="polite">
          <span className={live.connected ? 'dot on' : 'dot'} aria-hidden="true" />
          {live.connected ? 'Live' : 'Offline'} · refreshed every minute
        </p>
      </div>
      <p className="muted">
        Hand-raisers waiting for a first contact come first (escalated, then overdue, then due), the longest
        wait at the top; then leads in a working stage that have gone quiet.
      </p>
      <nav className="chips" aria-label="Follow-up filters">
        {chips.map((chip) => (
          <Link
            key={chip.label}
            href={filterHref(chip.kind, mine)}
            className={chip.kind === kind ? 'chip on' : 'chip'}
            aria-current={chip.kind === kind ? 'true' : undefined}
          >
            {chip.label}
            {chip.count !== null && <span className="chip-count">{chip.count.toLocaleString('en')}</span>}
          </Link>
        ))}
        <button
          type="button"
          className={mine ? 'chip on mine' : 'chip mine'}
          aria-pressed={mine}
          onClick={() => navigate(filterHref(kind, !mine), { replace: true })}
        >
          Mine only
        </button>
      </nav>
      {queue.isError && (
        <p className="error" role="alert">
          Could not load the follow-up queue: {queue.error.message}
        </p>
      )}
      <div className="table-wrap">
        <table className="lead-table queue-table" aria-label="Follow-up queue" aria-busy={queue.isFetching}>
          <thead>
            <tr>
              <th scope="col">Lead</th>
              <th scope="col">Urgency</th>
              <th scope="col">Next action</th>
              <th scope="col">Stage</th>
              <th scope="col">Heat</th>
              <th scope="col">Owner</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <QueueRow key={item.lead.id} item={item} hours={hours} owner={nameOf(item.lead.ownerId)} />
            ))}
          </tbody>
        </table>
        {queue.isPending && <p className="muted">Loading the queue…</p>}
        {!queue.isPending && items.length === 0 && (
          <p className="empty">Nothing to follow up here{mine ? ' among your leads' : ''}.</p>
        )}
      </div>
      <ShowMore query={queue} />
    </section>
  );
}

function QueueRow({
  item,
  hours,
  owner,
}: {
  item: FollowUpQueueItem;
  hours: BusinessHours | null;
  owner: string;
}) {
  const { lead, followUp } = item;
  const urgency = urgencyText(followUp, hours);
  const action = followUp.nextAction;
  return (
    <tr
      data-lead={lead.id}
      onClick={(e) => {
        if (!(e.target as HTMLElement).closest('a')) navigate(`/leads/${lead.id}`);
      }}
    >
      <LeadCell lead={lead} />
      <td data-label="Urgency">
        <span className={`urgency tone-${urgency.tone}`}>{urgency.label}</span>
        {urgency.detail && <span className="urgency-detail">{urgency.detail}</span>}
      </td>
      <td data-label="Next action" className="next-action-cell">
        {action ? (
          <>
            <strong>{action.label}</strong>
            {action.by && <span className="muted"> by {formatInstant(action.by, hours)}</span>}
            <span className="lead-sub">{action.why}</span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td data-label="Stage">
        <StageBadge stage={lead.stage} />
      </td>
      <td data-label="Heat">
        <HeatFlames heat={lead.heat} />
      </td>
      <td data-label="Owner" className="muted">
        {owner}
      </td>
    </tr>
  );
}
