import type { Stage } from './stages';

/*
 * ADR: the lifecycle transition table
 *
 * Context. Marketing and sales hand a lead back and forth; without an explicit table every tool
 * invents its own moves and the funnel numbers stop meaning anything. Three qualified entry routes
 * run in parallel (MQL by score, PQL by product use, CQL by a site conversion); all of them end at
 * SAL, where a rep accepts the lead.
 *
 * Decision.
 * - Forward moves may skip steps a team does not use (lead → sal for an SDR-sourced lead), but
 *   never skip sales acceptance into SQL: someone in sales has to have taken the lead.
 * - Every pre-opportunity stage can go to `disqualified` (with a reason) or `nurture` (not now).
 * - Rejection goes back one hop only: an MQL/PQL/CQL sales turned down returns to `lead`, a SAL
 *   that is not ready goes to `nurture`. Moving a SQL back to lead would hide a lost deal.
 * - An opportunity ends as `customer` or `closed_lost`; it is not disqualified, because by then a
 *   rep has invested in it and the loss belongs in the win/loss numbers.
 * - `disqualified` and `closed_lost` are not dead ends: they can go to `nurture` (and disqualified
 *   back to `lead` when the reason was wrong, e.g. a "duplicate" that was not). A nurtured lead that
 *   heats up is recycled to `mql`, or enters as PQL/CQL when it signs up or converts.
 * - `customer` is terminal for a lead. Expansion and renewal are new opportunities on the account,
 *   tracked as new leads; moving a customer back into the marketing funnel would double-count it.
 *
 * Consequences. Every transition anywhere in Triage (API, rules, imports) is checked against this
 * table, so funnel analytics can trust stage histories. A team that wants a different flow edits
 * this table, not the callers.
 */
export const TRANSITIONS: Record<Stage, readonly Stage[]> = {
  subscriber: ['lead', 'mql', 'pql', 'cql', 'disqualified', 'nurture'],
  lead: ['mql', 'pql', 'cql', 'sal', 'disqualified', 'nurture'],
  mql: ['sal', 'disqualified', 'nurture', 'lead'],
  pql: ['sal', 'disqualified', 'nurture', 'lead'],
  cql: ['sal', 'disqualified', 'nurture', 'lead'],
  sal: ['sql', 'disqualified', 'nurture'],
  sql: ['opportunity', 'disqualified', 'nurture', 'closed_lost'],
  opportunity: ['customer', 'closed_lost'],
  customer: [],
  disqualified: ['nurture', 'lead'],
  nurture: ['mql', 'pql', 'cql', 'lead', 'disqualified'],
  closed_lost: ['nurture'],
};
