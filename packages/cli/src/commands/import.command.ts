import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify';
import { guardedCsvCast } from '../export/csv-formula-guard';
import {
  IMPORT_ISSUE_KINDS,
  type ImportIssue,
  type ImportSummary,
  importLeadsFromCsv,
} from '../import/import-leads';
import { MappingError, parseLeadMapping, TARGET_FIELDS_HELP } from '../import/lead-mapping';
import {
  DATA_FOLDER_HELP,
  openWorkspaceDatabase,
  resolveTenant,
  TENANT_HELP,
} from '../workspace/open-workspace';

interface ImportFlags {
  map: string;
  tenant?: string;
  data?: string;
  errors?: string;
  batchSize: string;
  fuzzyDuplicates?: boolean;
  json?: boolean;
}

const PRINTED_ISSUES = 20;

const MAPPING_EXAMPLE = `
Mapping file (JSON): which CSV column fills which lead field.
  {
    "columns": { "Email": "email", "First Name": "firstName", "Company": "account.name",
                 "Website": "account.domain", "Employees": "account.employees", "Plan": "custom.plan" },
    "delimiter": ",",
    "defaults": { "source": "import" }
  }
Fields: ${TARGET_FIELDS_HELP}.
Rows are checked with the same rules as POST /v1/leads. A bad row is reported (row, column, problem) and
skipped; the good rows are imported. An email seen earlier in the file, or already in the workspace, is
skipped and counted; cells past the header's last column are left out with a warning. The summary counts
each problem by kind (invalid, duplicate, existing, rejected, warning), as the --errors report lists them.
Exit code 0 when the import ran, even with bad rows; 1 on a bad mapping or an
unreadable file.`;

function readMapping(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new MappingError(`cannot read the mapping ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MappingError(`the mapping ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

const describeIssue = (issue: ImportIssue) =>
  `row ${issue.row}, column "${issue.column}", ${issue.kind}: ${issue.problem}${issue.value !== undefined ? ` (${JSON.stringify(issue.value.slice(0, 80))})` : ''}`;

export const problemCount = (summary: ImportSummary) =>
  IMPORT_ISSUE_KINDS.reduce((total, kind) => total + summary.problems[kind], 0);

/** The counts a user checks against the problem list and the --errors report: same numbers, same kinds. */
export function formatSummary(summary: ImportSummary): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const skipped = summary.invalid + summary.duplicates + summary.existing + summary.rejected;
  const byKind = IMPORT_ISSUE_KINDS.filter((kind) => summary.problems[kind] > 0)
    .map((kind) => `${n(summary.problems[kind])} ${kind}`)
    .join(', ');
  return [
    `Rows read:   ${n(summary.rowsRead)}`,
    `Imported:    ${n(summary.imported)}`,
    `Skipped:     ${n(skipped)} rows (${n(summary.invalid)} invalid, ${n(summary.duplicates)} repeated in the file, ${n(summary.existing)} already in the workspace, ${n(summary.rejected)} refused when written)`,
    `Problems:    ${n(problemCount(summary))}${byKind ? ` (${byKind})` : ''}`,
    `Speed:       ${n(summary.rowsPerSecond)} rows/s (${(summary.elapsedMs / 1000).toFixed(1)} s)`,
    summary.modelVersion === null
      ? 'Predicted:   no model is active; the chance to convert is fit + engagement until one is'
      : `Predicted:   ${n(summary.predicted)} chances to convert, from model version ${summary.modelVersion}`,
  ].join('\n');
}

export function registerImportCommand(program: Command): void {
  const importCommand = program.command('import').description('Import data from files');
  importCommand
    .command('leads')
    .description('Import leads from a CSV file, streaming, with a row-level error report')
    .argument('<file>', 'CSV file whose first row names the columns')
    .requiredOption('-m, --map <mapping.json>', 'mapping of CSV columns to lead fields (see below)')
    .option('-t, --tenant <id>', TENANT_HELP)
    .option('-d, --data <dir>', DATA_FOLDER_HELP)
    .option(
      '-e, --errors <file.csv>',
      'write every problem row (row, column, kind, problem, value) to this CSV',
    )
    .option('--batch-size <n>', 'rows per transaction', '5000')
    .option(
      '--fuzzy-duplicates',
      'also warn about rows that are likely an existing lead under another email (same name at the same company, same phone); slower: one candidate search per row',
    )
    .option('--json', 'print the summary as JSON instead of text')
    .addHelpText('after', MAPPING_EXAMPLE)
    .action(async (file: string, flags: ImportFlags) => {
      // The mapping is checked before the database or the file is opened.
      const mapping = parseLeadMapping(readMapping(flags.map));
      const batchSize = Number(flags.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000)
        throw new Error(`--batch-size must be a whole number from 1 to 50000 (got "${flags.batchSize}")`);

      const database = await openWorkspaceDatabase(flags);
      const report = flags.errors
        ? stringify({
            header: true,
            columns: ['row', 'column', 'kind', 'problem', 'value'],
            cast: guardedCsvCast,
          })
        : undefined;
      const reportFile = flags.errors ? createWriteStream(flags.errors) : undefined;
      if (report && reportFile) report.pipe(reportFile);
      const shown: ImportIssue[] = [];
      const bar = process.stdout.isTTY
        ? new SingleBar({
            format: 'Importing |{bar}| {percentage}% | {rows} rows read, {imported} imported',
            hideCursor: true,
            clearOnComplete: true,
          })
        : undefined;
      try {
        const tenant = await resolveTenant(database, flags.tenant);
        bar?.start(100, 0, { rows: 0, imported: 0 });
        const summary = await importLeadsFromCsv({
          db: database.db,
          tenantId: tenant.id,
          file,
          mapping,
          batchSize,
          fuzzyDuplicates: flags.fuzzyDuplicates === true,
          onProgress: (p) =>
            bar?.update(p.totalBytes ? Math.floor((p.bytesRead / p.totalBytes) * 100) : 100, {
              rows: p.rowsRead.toLocaleString('en-US'),
              imported: p.imported.toLocaleString('en-US'),
            }),
          onIssue: (issue) => {
            report?.write({ ...issue, value: issue.value ?? '' });
            if (shown.length < PRINTED_ISSUES) shown.push(issue);
          },
        });
        bar?.stop();
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ tenantId: tenant.id, ...summary })}\n`);
        } else {
          const issueCount = problemCount(summary);
          const lines = [`Imported ${file} into ${tenant.name} (${tenant.id})`, formatSummary(summary)];
          if (shown.length) {
            lines.push(
              `\n${shown.length < issueCount ? `First ${shown.length} of ` : ''}${issueCount.toLocaleString('en-US')} problems:`,
              ...shown.map((issue) => `  ${describeIssue(issue)}`),
            );
          }
          if (flags.errors)
            lines.push(`\nFull report (${issueCount.toLocaleString('en-US')} problems): ${flags.errors}`);
          else if (issueCount > shown.length) lines.push('\nUse --errors <file.csv> for the full report.');
          process.stdout.write(`${lines.join('\n')}\n`);
        }
      } finally {
        bar?.stop();
        if (report && reportFile) {
          report.end();
          await once(reportFile, 'close');
        }
        await database.close();
      }
    });
}
