import {
  DEFAULT_SIMULATION_DAYS,
  type FieldIssue,
  MAX_SIMULATION_DAYS,
  type PolicySimulationInput,
  type PolicySimulationView,
  periodInstant,
  type SimulatedVerdict,
} from '@triage/contracts';
import {
  createPolicySimulator,
  type EngagementEvent,
  type FitResult,
  leadOutcome,
  MS_PER_DAY,
  type PolicyReplaySummary,
  type QualificationReplay,
  type SimulationExample,
  type SimulationLead,
  type Stage,
} from '@triage/core';
import type { AppContext } from '../../context';
import type { Db } from '../../db/create-db';
import { HttpError, invalid } from '../../http-error';
import type { AuthContext } from '../../plugins/auth';
import { accountOfRow, fitSubjectOf } from '../scoring/fit-subject';
import type { ActivePolicy } from './policy.service';
import { policyChangeIssues } from './policy-frameworks';
import {
  countLeadsCreatedBetween,
  findLedgerOfLeads,
  findSimulationLeadPage,
  findStageHistoryOfLeads,
  type SimulationLeadRow,
  type StageHistoryRow,
} from './policy-simulation.repository';

/**
 * The most leads one simulation replays. Memory stays bounded by the page either way; this bounds the time a
 * request takes (a replay reads every event of every lead in the period), and a larger period is several runs.
 */
export const MAX_SIMULATED_LEADS = 250_000;
const PAGE = 2_000;

export interface SimulationPeriod {
  from: Date;
  to: Date;
}

/** `to` defaults to now and `from` to 90 days before `to`; the period must be forward and at most 366 days. */
export function resolveSimulationPeriod(
  input: Pick<PolicySimulationInput, 'from' | 'to'>,
  now: number,
): SimulationPeriod {
  const to = input.to === undefined ? now : periodInstant(input.to, 'to');
  const from =
    input.from === undefined ? to - DEFAULT_SIMULATION_DAYS * MS_PER_DAY : periodInstant(input.from, 'from');
  const issue = (pointer: string, message: string): FieldIssue => ({ location: 'body', pointer, message });
  if (from >= to) {
    const toGiven = input.to !== undefined;
    throw invalid([
      toGiven
        ? issue('/to', `must be after from (${new Date(from).toISOString()})`)
        : issue('/from', `must be before to (now, ${new Date(to).toISOString()})`),
    ]);
  }
  if (to - from > MAX_SIMULATION_DAYS * MS_PER_DAY)
    throw invalid([
      issue(
        '/from',
        `the period may span at most ${MAX_SIMULATION_DAYS} days; simulate a longer history in parts`,
      ),
    ]);
  return { from: new Date(from), to: new Date(to) };
}

/** `POST /v1/policy/simulate`: the draft against the tenant's live policy; nothing is stored. */
export async function simulatePolicyDraft(
  ctx: AppContext,
  auth: AuthContext,
  input: PolicySimulationInput,
): Promise<PolicySimulationView> {
  return runPolicySimulation(ctx.db, auth.tenantId, await ctx.policies.get(auth.tenantId), input, ctx.now());
}

/**
 * Replays the period's leads under the current policy and the draft, a page of leads at a time (their
 * accounts, ledgers and stage histories read per page), and answers with the comparison. Read-only.
 */
export async function runPolicySimulation(
  db: Db,
  tenantId: string,
  current: ActivePolicy,
  input: PolicySimulationInput,
  now: number,
  maxLeads = MAX_SIMULATED_LEADS,
): Promise<PolicySimulationView> {
  const issues = policyChangeIssues(current.policy, input.policy);
  if (issues.length) throw invalid(issues);
  const period = resolveSimulationPeriod(input, now);
  const total = await countLeadsCreatedBetween(db, tenantId, period.from, period.to);
  if (total > maxLeads)
    throw new HttpError(
      422,
      'period_too_large',
      `The period holds ${total} leads; one simulation replays at most ${maxLeads}. Choose a shorter period.`,
      [
        {
          location: 'body',
          pointer: '/from',
          message: `leaves ${total} leads in the period, more than ${maxLeads}`,
        },
      ],
    );
  const simulator = createPolicySimulator(current.policy, input.policy);
  let afterId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await findSimulationLeadPage(db, tenantId, period, afterId, PAGE);
    if (page.length === 0) break;
    afterId = page.at(-1)!.id;
    const ids = page.map((lead) => lead.id);
    const [ledger, history] = await Promise.all([
      findLedgerOfLeads(db, tenantId, ids, now),
      findStageHistoryOfLeads(db, tenantId, ids),
    ]);
    const eventsOf = groupBy(
      ledger,
      (event): EngagementEvent => ({ type: event.type, occurredAt: event.occurredAt }),
    );
    const historyOf = groupBy(history, (row) => row);
    for (const lead of page)
      simulator.add(simulationLead(lead, eventsOf.get(lead.id) ?? [], historyOf.get(lead.id) ?? []));
  }
  const result = simulator.result();
  return {
    replayed: {
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      ...result.replayed,
      currentVersion: current.version,
      simulatedAt: new Date(now).toISOString(),
    },
    current: policySummaryView(result.current),
    draft: policySummaryView(result.draft),
    both: result.both,
    gained: { ...result.gained, examples: result.gained.examples.map(exampleView) },
    lost: { ...result.lost, examples: result.lost.examples.map(exampleView) },
  };
}

function groupBy<R extends { leadId: string }, T>(list: readonly R[], map: (row: R) => T): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of list) {
    const group = grouped.get(row.leadId);
    if (group) group.push(map(row));
    else grouped.set(row.leadId, [map(row)]);
  }
  return grouped;
}

function simulationLead(
  row: SimulationLeadRow,
  events: EngagementEvent[],
  history: StageHistoryRow[],
): SimulationLead {
  const created = history.find((t) => t.fromStage === null) ?? history[0];
  return {
    id: row.id,
    label: row.email,
    createdAt: row.createdAt.getTime(),
    entryStage: (created?.toStage ?? row.stage) as Stage,
    fitSubject: fitSubjectOf(row, accountOfRow(row)),
    events,
    outcome: leadOutcome(
      row.stage as Stage,
      history.map((t) => t.toStage as Stage),
    ),
  };
}

const HOUR_MS = 3_600_000;
const hours = (ms: number): number => Math.round((ms / HOUR_MS) * 10) / 10;

function policySummaryView({ medianTimeToQualifyMs, ...summary }: PolicyReplaySummary) {
  return {
    ...summary,
    medianHoursToQualify: medianTimeToQualifyMs === null ? null : hours(medianTimeToQualifyMs),
  };
}

const fitView = (fit: FitResult) => ({
  score: fit.score,
  knockedOut: fit.knockedOut,
  lines: fit.lines.map(({ ruleId, text, points }) => ({ ruleId, text, points })),
});

function verdictView(replay: QualificationReplay, createdAt: number): SimulatedVerdict {
  if (replay.qualified)
    return {
      qualified: true,
      stage: replay.stage,
      rule: replay.rule,
      at: new Date(replay.at).toISOString(),
      hoursToQualify: hours(Math.max(0, replay.at - createdAt)),
      fit: fitView(replay.fit),
      engagement: Math.round(replay.engagement * 10) / 10,
      ...(replay.handRaiser === undefined ? {} : { handRaiser: replay.handRaiser }),
      why: replay.why,
    };
  return {
    qualified: false,
    reason: replay.reason,
    fit: fitView(replay.fit),
    peakEngagement: Math.round(replay.peakEngagement * 10) / 10,
    peakAt: replay.peakAt === null ? null : new Date(replay.peakAt).toISOString(),
    why: replay.why,
  };
}

function exampleView(example: SimulationExample) {
  const { stage, furthest, state } = example.outcome;
  return {
    leadId: example.leadId,
    email: example.label,
    createdAt: new Date(example.createdAt).toISOString(),
    outcome: { furthest, state, stage },
    current: verdictView(example.current, example.createdAt),
    draft: verdictView(example.draft, example.createdAt),
  };
}
