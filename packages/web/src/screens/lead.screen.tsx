import { useQuery } from '@tanstack/react-query';
import { api } from '../api/api-client';
import { useOwners } from '../api/use-owners';
import { DiscoveryWorkspace } from '../lead/discovery-workspace';
import { LeadFacts } from '../lead/lead-facts';
import { ScorePanel } from '../lead/score-panel';
import { StageActions } from '../lead/stage-actions';
import { Timeline } from '../lead/timeline';
import { Link, useDocumentTitle } from '../routing/router';
import { HeatFlames } from '../ui/heat-flames';
import { FitMeter, StageBadge } from '../ui/stage-badge';

export function LeadScreen({ id }: { id: string }) {
  const lead = useQuery({ queryKey: ['lead', id], queryFn: () => api.getLead(id) });
  const { nameOf } = useOwners();
  useDocumentTitle(lead.data ? lead.data.name || lead.data.email : 'Lead');
  if (lead.isPending) return <div className="loading">Loading lead…</div>;
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
          <DiscoveryWorkspace leadId={l.id} />
          <Timeline leadId={l.id} />
        </div>
        <aside className="lead-side">
          <LeadFacts lead={l} />
          <ScorePanel leadId={l.id} />
        </aside>
      </div>
    </article>
  );
}
