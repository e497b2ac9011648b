import { createTenant } from '@triage/server';
import type { Command } from 'commander';
import { DATA_FOLDER_HELP, openWorkspaceDatabase } from '../workspace/open-workspace';

export function registerTenantCommand(program: Command): void {
  const tenant = program.command('tenant').description('Tenants (workspaces) and their API keys');
  tenant
    .command('create')
    .description('Create a tenant with the default scoring policy and print its id and a new API key')
    .argument('<name>', 'display name of the tenant, e.g. "Acme Sales"')
    .option('-d, --data <dir>', DATA_FOLDER_HELP)
    .option('--json', 'print { tenantId, name, apiKey } as JSON')
    .addHelpText(
      'after',
      '\nThe API key is shown once; only its hash is stored. Send it as `Authorization: Bearer <key>`.',
    )
    .action(async (name: string, flags: { data?: string; json?: boolean }) => {
      const trimmed = name.trim();
      if (!trimmed) throw new Error('the tenant name must not be empty');
      const database = await openWorkspaceDatabase(flags);
      try {
        const created = await createTenant(database.db, trimmed);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(created)}\n`);
          return;
        }
        process.stdout.write(
          `Tenant created: ${created.name}\n  id:      ${created.tenantId}\n  API key: ${created.apiKey}  (shown once; store it now)\n`,
        );
      } finally {
        await database.close();
      }
    });
}
