import { useQuery } from '@tanstack/react-query';
import { ApiError } from '@triage/contracts';
import { useEffect } from 'react';
import { api } from '../api/api-client';
import { useOwners } from '../api/use-owners';
import { DiscoveryWorkspace } from '../lead/discovery-workspace';
import { DuplicatesPanel } from '../lead/duplicates-panel';
import { FollowUpPanel } from '../lead/follow-up-panel';
import { LeadFacts } from '../lead/lead-facts';
import { ScorePanel } from '../lead/score-panel';
import { StageActions } from '../lead/stage-actions';
import { Timeline } from '../lead/timeline';
import { Link, navigate, useDocumentTitle } from '../routing/router';
import { HeatFlames } from '../ui/heat-flames';
import { FitMeter, StageBadge } from '../ui/stage-badge';

export function LeadScreen({ id }: { id: string }) {
  const lead = useQuery({
    queryKey: ['lead', id],
    queryFn: () => api.getLead(id),
    // A 404 is an answer (gone, or merged into another lead), not a hiccup to retry.
    retry: (failures, error) => !(error instanceof ApiError && error.status === 404) && failures < 1,
    // The follow-up clock moves with time; the server computes it, so ask again every minute.
    refetchInterval: 60_000,
  });
  const { nameOf } = useOwners();
  useDocumentTitle(lead.data ? lead.data.name || lead.data.email : 'Lead');
  if (lead.isPending) return <div className="loading">Loading lead…</div>;
  const mergedInto =
    lead.error instanceof ApiError && lead.error.body.error === 'lead_merged'
      ? lead.error.body.mergedInto
      : undefined;
  if (mergedInto) return <MergedAway survivorId={mergedInto} />;
  if (lead.isError)
    return (
      <p className="error" role="alert">
        This lead could not be loaded: {lead.error.message}. <Link href="/">Back to the inbox</Link>
      </p>
    );
  const l = lead.data;
  return (
    <article className="lead-page" aria-labelledby="lead-title">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/">Inbox</Link> <span aria-hidden="true">›</span> <span>{l.name || l.email}</span>
      </nav>
      <header className="lead-head">
        <div>
          <h1 id="lead-title">{l.name || l.email}</h1>
          <p className="muted">{[l.title, l.company].filter(Boolean).join(' at ') || l.email}</p>
        </div>
        <div className="lead-badges">
          <StageBadge stage={l.stage} />
          <HeatFlames heat={l.heat} showLabel />
          <FitMeter fit={l.fit} />
          <span className="muted small">Owner: {nameOf(l.ownerId)}</span>
        </div>
      </header>
      <StageActions lead={l} />
      <div className="lead-grid">
        <div className="lead-main">
          <DuplicatesPanel lead={l} />
          <DiscoveryWorkspace leadId={l.id} />
          <Timeline leadId={l.id} />
        </div>
        <aside className="lead-side">
          <FollowUpPanel lead={l} />
          <LeadFacts lead={l} />
          <ScorePanel leadId={l.id} />
        </aside>
      </div>
    </article>
  );
}

/** A merged lead's link still works: it says where the lead went and goes there. */
function MergedAway({ survivorId }: { survivorId: string }) {
  const survivor = useQuery({ queryKey: ['lead', survivorId], queryFn: () => api.getLead(survivorId) });
  const name = survivor.data ? survivor.data.name || survivor.data.email : 'another lead';
  useDocumentTitle('Merged lead');
  useEffect(() => {
    const timer = setTimeout(() => navigate(`/leads/${survivorId}`, { replace: true }), 1500);
    return () => clearTimeout(timer);
  }, [survivorId]);
  return (
    <p className="notice info" role="status" data-testid="merged-away">
      This lead was merged into <Link href={`/leads/${survivorId}`}>{name}</Link>. Opening it…
    </p>
  );
}
