import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type CsvRow, readCsvRows, type SplitKind } from './eval-dataset';
import { type EvaluationOptions, evaluateOnRows } from './model-evaluation';
import { SYNTHETIC_SHAPES, type SyntheticShape, syntheticDataset } from './synthetic-datasets';

/**
 * The model's evaluation across files, seeds and splits (a maintainer's tool, not a CLI command):
 *
 *   npx tsx packages/cli/src/model-eval/eval-suite.ts [--data DIR] [--only NAME,...] [--seeds 42,1,2,3,4]
 *     [--training '{"gbdtLeafGrid":[4,16]}'] [--json]
 *
 * Every case prints test ROC AUC and log-loss as mean ± sd over the seeds, beside the base-rate
 * log-loss. Public files are read from --data (default ../shared/eval/data) and skipped when absent;
 * the synthetic tables are generated.
 */

type Case = {
  name: string;
  load: () => CsvRow[];
  options: Omit<EvaluationOptions, 'seed' | 'training'>;
  /** Ordered splits do not depend on the seed (only the learners do). */
};

const X_ED_EXCLUDE = ['Prospect ID', 'Lead Number', 'Tags', 'Lead Quality'];
const X_ED_UNCLEAR = [
  'Lead Profile',
  'Asymmetrique Activity Index',
  'Asymmetrique Profile Index',
  'Asymmetrique Activity Score',
  'Asymmetrique Profile Score',
  'Last Activity',
  'Last Notable Activity',
];

function cases(dataFolder: string): Case[] {
  const all: Case[] = [];
  const leads = join(dataFolder, 'x-education-leads', 'Leads.csv');
  const xed = { target: 'Converted', positive: '1', testFraction: 0.2 };
  let leadRows: CsvRow[] | null = null;
  const loadLeads = () => {
    leadRows ??= readCsvRows(leads).rows;
    return leadRows;
  };
  if (existsSync(leads)) {
    for (const split of ['random', 'ordered'] as SplitKind[]) {
      all.push({
        name: `xed-${split}`,
        load: loadLeads,
        options: { ...xed, split, exclude: X_ED_EXCLUDE },
      });
      all.push({
        name: `xed-strict-${split}`,
        load: loadLeads,
        options: { ...xed, split, exclude: [...X_ED_EXCLUDE, ...X_ED_UNCLEAR] },
      });
    }
  }
  const maven = join(dataFolder, 'maven-crm-sales-opportunities', 'sales_pipeline.csv');
  if (existsSync(maven)) {
    all.push({
      name: 'maven-ordered',
      load: () => readCsvRows(maven).rows,
      options: {
        target: 'deal_stage',
        positive: 'Won',
        negatives: ['Lost'],
        split: 'ordered',
        testFraction: 0.2,
        exclude: ['opportunity_id', 'close_date', 'close_value'],
      },
    });
  }
  for (const shape of SYNTHETIC_SHAPES) {
    const synthetic = { target: 'converted', positive: '1', testFraction: 0.2, exclude: ['lead_id'] };
    const load = () => syntheticDataset(shape as SyntheticShape, 6000, 2024).rows;
    all.push({ name: `syn-${shape}-random`, load, options: { ...synthetic, split: 'random' } });
    all.push({ name: `syn-${shape}-ordered`, load, options: { ...synthetic, split: 'ordered' } });
  }
  return all;
}

function stats(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function main(): void {
  const dataFolder = argument('--data') ?? join(process.cwd(), '..', 'shared', 'eval', 'data');
  const only = argument('--only')?.split(',');
  const seeds = (argument('--seeds') ?? '42,1,2,3,4').split(',').map(Number);
  const training = JSON.parse(argument('--training') ?? '{}') as EvaluationOptions['training'];
  const results: Record<string, unknown>[] = [];
  for (const testCase of cases(dataFolder)) {
    if (only && !only.some((name) => testCase.name.startsWith(name))) continue;
    const rows = testCase.load();
    const runs = seeds.map((seed) =>
      evaluateOnRows(rows, { ...testCase.options, seed, ...(training ? { training } : {}) }),
    );
    const auc = stats(runs.map((run) => run.chosen.metrics.rocAuc));
    const loss = stats(runs.map((run) => run.chosen.metrics.logLoss));
    const base = stats(runs.map((run) => run.baseRateLogLoss));
    const seconds = stats(runs.map((run) => run.trainingSeconds));
    const below = runs.filter((run) => run.chosen.metrics.logLoss < run.baseRateLogLoss).length;
    const chosen = [...new Set(runs.map((run) => run.chosen.learner))].join('/');
    const result = {
      name: testCase.name,
      seed42Auc: runs[0]!.chosen.metrics.rocAuc,
      seed42LogLoss: runs[0]!.chosen.metrics.logLoss,
      auc,
      logLoss: loss,
      baseRateLogLoss: base.mean,
      naiveBayesAuc: stats(runs.map((run) => run.naiveBayes.metrics.rocAuc)).mean,
      belowBaseRate: `${below}/${runs.length}`,
      chosen,
      seconds: seconds.mean,
    };
    results.push(result);
    if (!process.argv.includes('--json')) {
      process.stdout.write(
        `${testCase.name.padEnd(30)} AUC ${auc.mean.toFixed(4)} ± ${auc.sd.toFixed(4)} (seed ${seeds[0]} ${result.seed42Auc.toFixed(4)})` +
          `  log-loss ${loss.mean.toFixed(4)} ± ${loss.sd.toFixed(4)} (${result.seed42LogLoss.toFixed(4)})` +
          `  base ${base.mean.toFixed(4)}  below ${result.belowBaseRate}  NB ${result.naiveBayesAuc.toFixed(3)}  ${chosen}  ${seconds.mean.toFixed(1)} s\n`,
      );
    }
  }
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(results)}\n`);
}

main();
