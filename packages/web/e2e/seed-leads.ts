import type { EventInput, TriageClient } from '@triage/contracts';

/**
 * A small, fixed set of leads the end-to-end suite relies on, added to whatever the demo workspace holds:
 * a well-fitting VP who asked for a demo (the one the suite qualifies), a few others to sort and filter,
 * and one whose stored name is an HTML payload (it must render as text everywhere).
 */
export const E2E_LEAD_EMAIL = 'erin.quill@northwind-e2e.io';
export const XSS_LEAD_EMAIL = 'mallory@xss-e2e.io';
export const XSS_NAME = '<img src=x onerror="window.__xss=1">';

const PEOPLE = [
  {
    first: 'Erin',
    last: 'Quill',
    email: E2E_LEAD_EMAIL,
    title: 'VP of Sales',
    company: 'Northwind E2E',
    domain: 'northwind-e2e.io',
    industry: 'software',
    employees: 420,
    country: 'US',
    events: ['pricing_page_view', 'demo_request', 'webinar_attended'],
  },
  {
    first: 'Tomasz',
    last: 'Wiśniewski',
    email: 'tomasz@kolejka-e2e.pl',
    title: 'Head of Marketing',
    company: 'Kolejka E2E',
    domain: 'kolejka-e2e.pl',
    industry: 'saas',
    employees: 120,
    country: 'PL',
    events: ['content_download', 'pricing_page_view'],
  },
  {
    first: 'Priya',
    last: 'Raman',
    email: 'priya@lumen-e2e.com',
    title: 'Director of Revenue Operations',
    company: 'Lumen E2E',
    domain: 'lumen-e2e.com',
    industry: 'fintech',
    employees: 900,
    country: 'GB',
    events: ['trial_signup', 'product_usage'],
  },
  {
    first: 'Sam',
    last: 'Okafor',
    email: 'sam@tinyshop-e2e.com',
    title: 'Intern',
    company: 'Tiny Shop E2E',
    domain: 'tinyshop-e2e.com',
    industry: 'retail',
    employees: 4,
    country: 'NG',
    events: ['page_view'],
  },
  {
    first: 'Mallory',
    last: 'Payload',
    email: XSS_LEAD_EMAIL,
    title: XSS_NAME,
    company: XSS_NAME,
    domain: 'xss-e2e.io',
    industry: 'software',
    employees: 60,
    country: 'DE',
    // A hand-raiser, so the board shows the card among the hottest of its column.
    events: [
      'page_view',
      'pricing_page_view',
      'demo_request',
      'webinar_attended',
      'content_download',
      'meeting',
    ],
  },
] as const;

export async function seedE2eLeads(client: TriageClient, now = Date.now()): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const p of PEOPLE) {
    const existing = await client.listLeads({ q: p.email, limit: 1 });
    const found = existing.items[0];
    if (found) {
      ids[p.email] = found.id;
      continue;
    }
    const lead = await client.createLead({
      email: p.email,
      firstName: p.email === XSS_LEAD_EMAIL ? XSS_NAME : p.first,
      lastName: p.last,
      title: p.title,
      source: p.email === XSS_LEAD_EMAIL ? XSS_NAME : 'webinar',
      account: {
        name: p.company,
        domain: p.domain,
        industry: p.industry,
        employees: p.employees,
        country: p.country,
      },
    });
    ids[p.email] = lead.id;
    const events: EventInput[] = p.events.map((type, i) => ({
      id: `e2e-${p.email}-${type}`,
      leadId: lead.id,
      type,
      occurredAt: new Date(now - (p.events.length - i) * 20 * 60_000).toISOString(),
      properties: p.email === XSS_LEAD_EMAIL ? { page: XSS_NAME } : { page: '/pricing' },
    }));
    await client.ingestEvents(events);
  }
  return ids;
}
