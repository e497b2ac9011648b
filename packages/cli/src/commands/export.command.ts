import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { EXPORT_COLUMNS, EXPORT_FORMATS, type ExportFormat, exportLeads } from '../export/export-leads';
import {
  DATA_FOLDER_HELP,
  openWorkspaceDatabase,
  resolveTenant,
  TENANT_HELP,
} from '../workspace/open-workspace';

interface ExportFlags {
  format: string;
  out?: string;
  tenant?: string;
  data?: string;
}

export function registerExportCommand(program: Command): void {
  const exportCommand = program.command('export').description('Export data to files');
  exportCommand
    .command('leads')
    .description('Export all leads of a tenant as CSV or JSON lines, streaming')
    .option('-f, --format <format>', `${EXPORT_FORMATS.join(' or ')}`, 'csv')
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .option('-t, --tenant <id>', TENANT_HELP)
    .option('-d, --data <dir>', DATA_FOLDER_HELP)
    .addHelpText(
      'after',
      `\nColumns: ${EXPORT_COLUMNS.join(', ')}. Engagement and heat are decayed to the time of the export.\n` +
        'In CSV, a text cell starting with = + - @, a tab or a carriage return gets a leading apostrophe, so a\n' +
        'spreadsheet shows it as text instead of running it as a formula.',
    )
    .action(async (flags: ExportFlags) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(flags.format))
        throw new Error(`--format must be ${EXPORT_FORMATS.join(' or ')} (got "${flags.format}")`);
      const database = await openWorkspaceDatabase(flags);
      try {
        const tenant = await resolveTenant(database, flags.tenant);
        const out = flags.out ? createWriteStream(flags.out) : process.stdout;
        const count = await exportLeads({
          db: database.db,
          tenantId: tenant.id,
          format: flags.format as ExportFormat,
          out,
        });
        if (flags.out) {
          out.end();
          await once(out, 'close');
          process.stderr.write(`Exported ${count.toLocaleString('en-US')} leads to ${flags.out}\n`);
        }
      } finally {
        await database.close();
      }
    });
}
