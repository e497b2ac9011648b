import { readFileSync } from 'node:fs';
import { type FieldIssue, MAX_SIMULATION_DAYS, policySimulationInputSchema } from '@triage/contracts';
import type { ScoringPolicy } from '@triage/core';
import { HttpError } from '@triage/server/http-error';
import { findLatestPolicy } from '@triage/server/modules/policy/policy.repository';
import { runPolicySimulation } from '@triage/server/modules/policy/policy-simulation.service';
import type { Command } from 'commander';
import { formatPolicySimulation } from '../policy/simulation-format';
import {
  DATA_FOLDER_HELP,
  openWorkspaceDatabase,
  resolveTenant,
  TENANT_HELP,
} from '../workspace/open-workspace';

interface SimulateFlags {
  file: string;
  from?: string;
  to?: string;
  json?: boolean;
  tenant?: string;
  data?: string;
}

/**
 * The draft as the file holds it: a bare policy, or an object with a `policy` key (what `GET /v1/policy` answers,
 * or a simulate request body). Where the policy sits in the file, so a problem is named where the user can find it.
 */
function readDraft(file: string): { policy: unknown; at: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `cannot read the draft policy ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (parsed !== null && typeof parsed === 'object' && 'policy' in parsed)
    return { policy: parsed.policy, at: '/policy' };
  return { policy: parsed, at: '' };
}

/** A request pointer said the way the user gave the value: a place in the file, or a flag. */
function whereToLook(issue: FieldIssue, file: string, policyAt: string): string {
  if (issue.pointer === '/from' || issue.pointer === '/to') return `--${issue.pointer.slice(1)}`;
  const inFile = `${policyAt}${issue.pointer.replace(/^\/policy/, '')}`;
  return inFile ? `${file} at ${inFile}` : file;
}

function problems(issues: readonly FieldIssue[], file: string, policyAt: string): Error {
  const lines = issues.map((issue) => `  ${whereToLook(issue, file, policyAt)}: ${issue.message}`);
  return new Error(`the draft cannot be simulated:\n${lines.join('\n')}`);
}

export function registerPolicyCommand(program: Command): void {
  const policy = program
    .command('policy')
    .description('The scoring policy: try a draft before publishing it');
  policy
    .command('simulate')
    .description(
      'Replay a draft policy and the current one over the leads created in a period and compare what each would ' +
        'have qualified (MQL/PQL/CQL) and how those leads really turned out; nothing is stored',
    )
    .requiredOption(
      '-f, --file <draft.json>',
      'the draft: a policy, or { "policy": … } as GET /v1/policy returns it',
    )
    .option('--from <date>', 'leads created from this date or date-time on (default: 90 days before --to)')
    .option(
      '--to <date>',
      'leads created before this date-time, or up to and including this date (default: now)',
    )
    .option('--json', 'print the comparison as JSON (the body POST /v1/policy/simulate answers)')
    .option('-t, --tenant <id>', TENANT_HELP)
    .option('-d, --data <dir>', DATA_FOLDER_HELP)
    .addHelpText(
      'after',
      "\nBoth policies are replayed the same way from the event ledger and the leads' data: a lead qualifies at the " +
        'first instant its fit and decayed engagement reach the MQL thresholds, or at a hand-raise; manual moves are ' +
        'not replayed. The real outcomes (SAL, SQL, opportunity, customer, disqualified) come from the recorded ' +
        `history. A period spans at most ${MAX_SIMULATION_DAYS} days. Example:\n` +
        '  triage policy simulate --file draft.json --from 2026-01-01 --to 2026-03-31',
    )
    .action(async (flags: SimulateFlags) => {
      const draft = readDraft(flags.file);
      const input = policySimulationInputSchema.safeParse({
        policy: draft.policy,
        ...(flags.from === undefined ? {} : { from: flags.from }),
        ...(flags.to === undefined ? {} : { to: flags.to }),
      });
      if (!input.success)
        throw problems(
          input.error.issues.map((issue) => ({
            pointer: issue.path.map((part) => `/${String(part)}`).join(''),
            message: issue.message,
          })),
          flags.file,
          draft.at,
        );
      const database = await openWorkspaceDatabase(flags);
      try {
        const tenant = await resolveTenant(database, flags.tenant);
        const current = await findLatestPolicy(database.db, tenant.id);
        if (!current) throw new Error(`tenant ${tenant.id} has no policy`);
        const result = await runPolicySimulation(
          database.db,
          tenant.id,
          { ...current, policy: current.policy as ScoringPolicy },
          input.data,
          Date.now(),
        ).catch((error: unknown) => {
          if (error instanceof HttpError && error.issues) throw problems(error.issues, flags.file, draft.at);
          if (error instanceof HttpError) throw new Error(error.message);
          throw error;
        });
        process.stdout.write(
          flags.json ? `${JSON.stringify(result, null, 2)}\n` : formatPolicySimulation(result),
        );
      } finally {
        await database.close();
      }
    });
}
