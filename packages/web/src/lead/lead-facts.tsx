import { useQuery } from '@tanstack/react-query';
import type { Lead } from '@triage/contracts';
import { api } from '../api/api-client';
import { humanize } from '../logic/format';

function Fact({ label, value }: { label: string; value: string | number | null | undefined }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{value === null || value === undefined || value === '' ? '—' : value}</dd>
    </div>
  );
}

const money = (n: number | null) =>
  n === null
    ? null
    : new Intl.NumberFormat('en', { notation: 'compact', style: 'currency', currency: 'USD' }).format(n);

export function LeadFacts({ lead }: { lead: Lead }) {
  const account = useQuery({
    queryKey: ['account', lead.accountId],
    queryFn: () => api.getAccount(lead.accountId!),
    enabled: lead.accountId !== null,
  });
  const a = account.data;
  return (
    <section className="card" aria-labelledby="facts-title">
      <h2 id="facts-title">Contact</h2>
      <dl className="facts">
        <Fact label="Email" value={lead.email} />
        <Fact label="Phone" value={lead.phone} />
        <Fact label="Title" value={lead.title} />
        <Fact label="Seniority" value={lead.seniority && humanize(lead.seniority)} />
        <Fact label="Department" value={lead.department && humanize(lead.department)} />
        <Fact label="Country" value={lead.country} />
        <Fact label="Source" value={lead.source} />
        {lead.disqualificationReason && (
          <Fact label="Disqualified for" value={humanize(lead.disqualificationReason)} />
        )}
      </dl>
      {a && (
        <>
          <h2>Account</h2>
          <dl className="facts">
            <Fact label="Company" value={a.name} />
            <Fact label="Domain" value={a.domain} />
            <Fact label="Industry" value={a.industry} />
            <Fact label="Employees" value={a.employees?.toLocaleString('en')} />
            <Fact label="Revenue" value={money(a.annualRevenue)} />
            <Fact label="Country" value={a.country} />
            <Fact label="Tech" value={a.technologies.join(', ')} />
          </dl>
        </>
      )}
    </section>
  );
}
