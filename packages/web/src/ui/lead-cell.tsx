import { Link } from '../routing/router';

/** A list row's first cell: the lead's name linking to its page, and what it does where (its email if unknown). */
export function LeadCell({
  lead,
}: {
  lead: { id: string; name: string | null; email: string; title: string | null; company: string | null };
}) {
  return (
    <td className="lead-cell">
      <Link href={`/leads/${lead.id}`} className="lead-name">
        {lead.name || lead.email}
      </Link>
      <span className="lead-sub">{[lead.title, lead.company].filter(Boolean).join(' · ') || lead.email}</span>
    </td>
  );
}
