import { FOLLOW_UP_QUEUE_KINDS, type FollowUpQueue, type FollowUpQueueKind } from '@triage/contracts';
import { createContext } from '@triage/server/context';
import { followUpQueue } from '@triage/server/modules/follow-up/follow-up.service';
import { findUserIdsByEmail } from '@triage/server/modules/users/users.repository';
import type { Command } from 'commander';
import {
  DATA_FOLDER_HELP,
  openWorkspaceDatabase,
  resolveTenant,
  TENANT_HELP,
} from '../workspace/open-workspace';

interface FollowUpFlags {
  owner?: string;
  kind?: string;
  limit: string;
  json?: boolean;
  tenant?: string;
  data?: string;
}

const URGENCY_LABELS: Record<string, string> = {
  escalated: 'ESCALATED',
  overdue: 'overdue',
  due: 'due',
  gone_quiet: 'quiet',
  long_quiet: 'long quiet',
};

const cell = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

/** The queue as a rep reads it: one line per lead, the action, then the reason under it. */
export function formatFollowUpQueue(queue: FollowUpQueue): string {
  const { counts } = queue;
  const lines = [
    counts
      ? `Follow-ups as of ${queue.asOf}: ${counts.escalated} escalated, ${counts.overdue} overdue, ${counts.due} due, ` +
        `${counts.goneQuiet} gone quiet, ${counts.longQuiet} long quiet`
      : `Follow-ups as of ${queue.asOf}`,
  ];
  if (queue.items.length === 0) return `${lines[0]}\nNothing to follow up.\n`;
  lines.push('');
  for (const { lead, followUp } of queue.items) {
    const who = lead.name === lead.email ? lead.email : `${lead.name} <${lead.email}>`;
    lines.push(
      `${cell(URGENCY_LABELS[followUp.urgency] ?? followUp.urgency, 11)} ${cell(who, 44)} ${cell(lead.stage, 12)} ` +
        `${followUp.nextAction?.label ?? ''}`,
    );
    if (followUp.nextAction) lines.push(`${' '.repeat(12)}${followUp.nextAction.why}`);
  }
  if (queue.nextCursor)
    lines.push('', 'More leads wait: raise --limit, or page with GET /v1/follow-ups?cursor=…');
  return `${lines.join('\n')}\n`;
}

export function registerFollowUpsCommand(program: Command): void {
  program
    .command('follow-ups')
    .description(
      'The follow-up queue, most urgent first: hand-raisers past their speed-to-lead target (escalated, overdue), ' +
        'those still due, then leads gone quiet, each with the next action and why',
    )
    .option('--owner <email>', "only this user's leads")
    .option('--kind <kind>', `only one kind: ${FOLLOW_UP_QUEUE_KINDS.join(', ')}`)
    .option('--limit <n>', 'at most this many leads (1–200)', '50')
    .option('--json', 'print the queue as JSON (the body GET /v1/follow-ups answers)')
    .option('-t, --tenant <id>', TENANT_HELP)
    .option('-d, --data <dir>', DATA_FOLDER_HELP)
    .action(async (flags: FollowUpFlags) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200)
        throw new Error('--limit must be a whole number from 1 to 200');
      if (flags.kind !== undefined && !(FOLLOW_UP_QUEUE_KINDS as readonly string[]).includes(flags.kind))
        throw new Error(`--kind must be one of ${FOLLOW_UP_QUEUE_KINDS.join(', ')}`);
      const database = await openWorkspaceDatabase(flags);
      try {
        const tenant = await resolveTenant(database, flags.tenant);
        let ownerId: string | undefined;
        if (flags.owner) {
          const email = flags.owner.trim().toLowerCase();
          ownerId = (await findUserIdsByEmail(database.db, tenant.id, [email])).get(email);
          if (!ownerId) throw new Error(`--owner: no user with the email ${flags.owner} in this workspace`);
        }
        const queue = await followUpQueue(
          createContext(database),
          { tenantId: tenant.id, actor: { kind: 'api_key', id: 'cli' } },
          {
            limit,
            ...(flags.kind ? { kind: flags.kind as FollowUpQueueKind } : {}),
            ...(ownerId ? { ownerId } : {}),
          },
        );
        process.stdout.write(flags.json ? `${JSON.stringify(queue, null, 2)}\n` : formatFollowUpQueue(queue));
      } finally {
        await database.close();
      }
    });
}
