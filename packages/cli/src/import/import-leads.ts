import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Db } from '@triage/server';
import { duplicatesOf, type ScoredCandidate } from '@triage/server/modules/duplicates/duplicates.service';
import { type BulkLeadInput, insertLeadsBulk } from '@triage/server/modules/leads/bulk-insert-leads';
import { findLeadsByIds } from '@triage/server/modules/leads/leads.repository';
import { PolicyCache } from '@triage/server/modules/policy/policy.service';
import { readActiveModel } from '@triage/server/modules/predictive/active-model';
import { predictAndStore } from '@triage/server/modules/predictive/predictive.service';
import { WebhookSubscriptions } from '@triage/server/modules/webhooks/webhook-outbox';
import { parse } from 'csv-parse';
import { EmailFingerprints } from './email-fingerprints';
import { type LeadMapping, MappingError, parseLeadMapping } from './lead-mapping';
import { compileRowMapper } from './lead-row-mapper';

/**
 * invalid: the row breaks a validation rule; duplicate: its email appeared earlier in the file; existing: the
 * workspace already has a lead with that email (skipped, never overwritten); rejected: the database refused it.
 * Those rows are skipped. warning: the row was imported, but something in it was left out (cells past the last
 * column of the header, or the lead is likely a duplicate of an existing one under another email).
 */
export const IMPORT_ISSUE_KINDS = ['invalid', 'duplicate', 'existing', 'rejected', 'warning'] as const;
export type ImportIssueKind = (typeof IMPORT_ISSUE_KINDS)[number];

export interface ImportIssue {
  /** The row number a spreadsheet shows: the header is row 1, the first lead row 2. */
  row: number;
  column: string;
  problem: string;
  value?: string;
  kind: ImportIssueKind;
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
  imported: number;
}

export interface ImportLeadsOptions {
  db: Db;
  tenantId: string;
  /** Path of the CSV file; the first row names the columns. */
  file: string;
  /** The parsed mapping or the raw content of mapping.json (validated here, before the file is read). */
  mapping: unknown;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Every problem, as it is found: validation problems as rows are read, duplicates of existing leads and
   * refusals when their batch is written. Nothing is kept here, so the report can be streamed.
   */
  onIssue?: (issue: ImportIssue) => void;
  /** Rows per transaction. */
  batchSize?: number;
  /**
   * Also warn about rows imported as new leads that are likely an existing lead (or an earlier row) under another
   * email. Off by default: it searches candidates for every row (same last name, mailbox name or phone), which on
   * a workspace with many leads of common names costs far more than the import itself.
   */
  fuzzyDuplicates?: boolean;
  /**
   * Batches written at the same time, each in its own transaction and connection (default 2: the database
   * works on one batch while the next is sent). PGlite has one connection, so its batches queue anyway.
   */
  concurrency?: number;
  now?: () => number;
}

export interface ImportSummary {
  file: string;
  rowsRead: number;
  imported: number;
  /** Rows whose email appeared earlier in the file. */
  duplicates: number;
  /** Rows whose email already belonged to a lead of the tenant. */
  existing: number;
  /** Rows skipped because they break a validation rule (a row can have several problems). */
  invalid: number;
  rejected: number;
  /**
   * Every problem reported through onIssue, by kind: the same count as the lines of the error report. A row can
   * have several (each invalid cell, plus a warning).
   */
  problems: Record<ImportIssueKind, number>;
  /** Imported leads given a probability by the workspace's active model (0 when no model is active). */
  predicted: number;
  /** The version of that model, or null when the workspace has none active. */
  modelVersion: number | null;
  elapsedMs: number;
  rowsPerSecond: number;
}

/** The file cannot be read at all; nothing was imported. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

interface PendingRow {
  row: number;
  lead: BulkLeadInput;
}

const DEFAULT_BATCH_SIZE = 5000;

/**
 * Streams a CSV file of leads into a tenant. Rows are validated with the API's lead schema; bad rows are
 * reported and skipped; good rows go in by batches, each batch one transaction through the bulk insert path,
 * while the next batch is being parsed. Memory stays flat: one batch in flight, one being filled, and a
 * fingerprint per distinct email to catch duplicates inside the file.
 */
export async function importLeadsFromCsv(options: ImportLeadsOptions): Promise<ImportSummary> {
  const started = performance.now();
  const mapping: LeadMapping = parseLeadMapping(options.mapping);
  const totalBytes = await fileSize(options.file);
  const now = options.now ?? Date.now;
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const [policy, model, outbox] = await Promise.all([
    new PolicyCache(options.db).get(options.tenantId),
    readActiveModel(options.db, options.tenantId),
    // Imported leads reach the workspace's `lead.created` webhooks; a serving process delivers them.
    new WebhookSubscriptions(options.db).outbox(options.tenantId),
  ]);
  const actor = { kind: 'import', id: basename(options.file) };
  const columnOf = (field: string) =>
    Object.entries(mapping.columns).find(([, target]) => target === field)?.[0] ?? `(default for ${field})`;
  const emailColumn = columnOf('email');

  const summary: ImportSummary = {
    file: options.file,
    rowsRead: 0,
    imported: 0,
    duplicates: 0,
    existing: 0,
    invalid: 0,
    rejected: 0,
    problems: { invalid: 0, duplicate: 0, existing: 0, rejected: 0, warning: 0 },
    predicted: 0,
    modelVersion: model?.version ?? null,
    elapsedMs: 0,
    rowsPerSecond: 0,
  };
  const report = (issue: ImportIssue) => {
    summary.problems[issue.kind]++;
    options.onIssue?.(issue);
  };
  let bytesRead = 0;
  const progress = () =>
    options.onProgress?.({ bytesRead, totalBytes, rowsRead: summary.rowsRead, imported: summary.imported });

  const writeBatch = async (batch: PendingRow[]): Promise<void> => {
    try {
      const { created, predicted, likely } = await options.db.transaction(async (tx) => {
        const at = now();
        const inserted = await insertLeadsBulk(
          tx,
          options.tenantId,
          batch.map((r) => r.lead),
          policy,
          new Date(at),
          actor,
          outbox,
        );
        // In the same transaction: an imported lead is never stored without the probability the model gives it.
        const count = model
          ? await predictAndStore(
              tx,
              options.tenantId,
              [...inserted.values()],
              model,
              policy.policy.engagement,
              at,
            )
          : 0;
        const likely = options.fuzzyDuplicates
          ? await likelyDuplicatesOf(tx, options.tenantId, [...inserted.values()])
          : new Map<string, { scored: ScoredCandidate[] }>();
        return { created: inserted, predicted: count, likely };
      });
      summary.imported += created.size;
      summary.predicted += predicted;
      const rowOfId = new Map(
        batch.flatMap(({ row, lead }) => {
          const id = created.get(lead.email);
          return id ? [[id, row] as const] : [];
        }),
      );
      for (const { row, lead } of batch) {
        const id = created.get(lead.email);
        const warning = id ? duplicateWarning(likely.get(id), row, rowOfId) : undefined;
        if (warning)
          report({ row, column: emailColumn, value: lead.email, problem: warning, kind: 'warning' });
        if (created.has(lead.email)) continue;
        // Refused for its own data (an owner who is not a user of the workspace); the rest of the batch went in.
        const refusal = created.refused.get(lead.email);
        if (refusal) {
          const value = lead[refusal.field];
          summary.rejected++;
          report({
            row,
            column: columnOf(refusal.field),
            problem: refusal.problem,
            ...(typeof value === 'string' ? { value } : {}),
            kind: 'rejected',
          });
          continue;
        }
        summary.existing++;
        report({
          row,
          column: emailColumn,
          problem: 'a lead with this email already exists; row skipped',
          value: lead.email,
          kind: 'existing',
        });
      }
    } catch (error) {
      // The transaction rolled back, so nothing of the batch is stored. A data error names no row, so halve the
      // batch until the rows the database refuses are alone; the others still go in.
      if (!isRowLevelDatabaseError(error)) throw error;
      if (batch.length === 1) {
        summary.rejected++;
        report({
          row: batch[0]!.row,
          column: '(row)',
          problem: `refused by the database: ${databaseMessageOf(error)}`,
          kind: 'rejected',
        });
        return;
      }
      const half = batch.length >> 1;
      await writeBatch(batch.slice(0, half));
      await writeBatch(batch.slice(half));
    }
  };

  const input = createReadStream(options.file);
  input.on('data', (chunk) => {
    bytesRead += chunk.length;
  });
  // A quote in the middle of a cell is taken literally (relax_quotes); a quote left open to the end of the file
  // stops the import with its line, since everything after it would be read wrongly.
  const parser = parse({
    delimiter: mapping.delimiter,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  let mapRow: ReturnType<typeof compileRowMapper> | undefined;
  let headerLength = 0;
  const seen = new EmailFingerprints();
  let batch: PendingRow[] = [];
  // Batches being written; parsing the next batch overlaps with them, and a failure surfaces at the next await.
  const inFlight: Promise<void>[] = [];
  const settleAll = () => Promise.allSettled(inFlight.splice(0));
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!mapRow) {
        mapRow = compileRowMapper(mapping, record);
        headerLength = record.length;
        continue;
      }
      summary.rowsRead++;
      const row = summary.rowsRead + 1;
      const extra = extraCellsOf(record, headerLength);
      if (extra) report({ row, ...extra, kind: 'warning' });
      const mapped = mapRow(record);
      if (!mapped.ok) {
        summary.invalid++;
        for (const issue of mapped.issues) report({ row, ...issue, kind: 'invalid' });
      } else {
        const first = seen.firstRowOf(mapped.lead.email, row);
        if (first !== undefined) {
          summary.duplicates++;
          report({
            row,
            column: emailColumn,
            problem: `the same email is on row ${first}; row skipped`,
            value: mapped.lead.email,
            kind: 'duplicate',
          });
        } else batch.push({ row, lead: mapped.lead });
      }
      if (batch.length >= batchSize) {
        if (inFlight.length >= concurrency) await inFlight.shift();
        const write = writeBatch(batch);
        write.catch(() => undefined);
        inFlight.push(write);
        batch = [];
        progress();
      } else if ((summary.rowsRead & 4095) === 0) progress();
    }
    if (batch.length) {
      // The last, short batch waits for a free slot like the others: `concurrency` bounds every batch.
      if (inFlight.length >= concurrency) await inFlight.shift();
      inFlight.push(writeBatch(batch));
    }
    const failed = (await settleAll()).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    input.destroy();
    await settleAll();
    if (error instanceof MappingError) throw error;
    if (isFileError(error)) throw new ImportFileError(`cannot read ${options.file}: ${messageOf(error)}`);
    if (isCsvError(error))
      throw new ImportFileError(
        `${options.file} is not valid CSV (${messageOf(error)}); the ${summary.imported} leads before that point were imported`,
      );
    throw error;
  }
  if (!mapRow) throw new ImportFileError(`${options.file} is empty: the first row must name the columns`);
  progress();
  summary.elapsedMs = Math.round(performance.now() - started);
  summary.rowsPerSecond =
    summary.elapsedMs > 0 ? Math.round((summary.rowsRead * 1000) / summary.elapsedMs) : 0;
  return summary;
}

/** The imported leads' likely duplicates (same person, another email), by lead id. */
async function likelyDuplicatesOf(db: Db, tenantId: string, ids: string[]) {
  const leads = await findLeadsByIds(db, tenantId, ids);
  // Key-indexed candidates only: the account branch would read every lead of a big account for each row.
  return duplicatesOf(db, tenantId, leads, { sameAccount: false, min: 'likely' });
}

/**
 * A row imported as a new lead that is likely someone already there (or on an earlier row of the file). A pair
 * within one batch is told once, on the later row; a pair split across two batches written at the same time may be
 * told on both rows.
 */
function duplicateWarning(
  found: { scored: ScoredCandidate[] } | undefined,
  row: number,
  rowOfId: ReadonlyMap<string, number>,
): string | undefined {
  const others = (found?.scored ?? []).filter(({ lead }) => (rowOfId.get(lead.id) ?? 0) < row);
  const best = others[0];
  if (!best) return undefined;
  const why = best.result.lines
    .filter((line) => line.points > 0)
    .map((line) => line.text)
    .join('; ');
  const more = others.length > 1 ? ` (and ${others.length - 1} more)` : '';
  return `likely the same person as ${best.lead.email} (score ${best.result.score}: ${why})${more}; imported, review with GET /v1/leads/{id}/duplicates`;
}

/**
 * Cells past the header's last column belong to no column, so they are not imported. Often they mean a cell
 * with an unquoted delimiter shifted the row, so the user is told which values were left out. Empty trailing
 * cells (a spreadsheet's trailing commas) lose nothing and are not reported.
 */
export function extraCellsOf(
  record: readonly string[],
  headerLength: number,
): { column: string; problem: string; value: string } | undefined {
  const extra = record.slice(headerLength);
  if (!extra.some((cell) => cell.trim() !== '')) return undefined;
  return {
    column: '(row)',
    problem:
      `${record.length} cells for ${headerLength} columns: the ${extra.length} past the last column were not ` +
      'imported (an unquoted delimiter inside a cell shifts the cells after it)',
    value: extra.join(' | '),
  };
}

async function fileSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new ImportFileError(`${file} is not a file`);
    return info.size;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`cannot read ${file}: ${messageOf(error)}`);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function isFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && !code.startsWith('ECONN');
}

const isCsvError = (error: unknown) =>
  typeof (error as { code?: unknown } | null)?.code === 'string' &&
  String((error as { code: string }).code).startsWith('CSV_');

/** SQLSTATE of a database error, looking through drizzle's wrapper. */
function sqlStateOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** The database's own words: drizzle wraps them in a message that repeats the whole statement. */
function databaseMessageOf(error: unknown): string {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return messageOf(e);
  }
  return messageOf(error);
}

/** Errors caused by the data of some row (bad value, constraint, a trigger's refusal), not by the connection. */
function isRowLevelDatabaseError(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && ['22', '23', '54', 'P0'].includes(state.slice(0, 2));
}
