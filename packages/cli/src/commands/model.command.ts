import { basename } from 'node:path';
import type { Command } from 'commander';
import { readCsvRows, SPLIT_KINDS, type SplitKind } from '../model-eval/eval-dataset';
import { evaluationJson, formatEvaluationReport } from '../model-eval/eval-report-format';
import { evaluateOnRows } from '../model-eval/model-evaluation';
import { delimiterFlag } from '../model-eval/sniff-delimiter';

type EvalFlags = {
  csv: string;
  target: string;
  positive: string;
  negative?: string;
  exclude?: string;
  delimiter?: string;
  split: string;
  seed: string;
  testFraction: string;
  json?: boolean;
};

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

function numberFlag(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`${name} must be a number (got "${value}")`);
  return parsed;
}

export function registerModelCommand(program: Command): void {
  const model = program
    .command('model')
    .description('Predictive scoring: train and evaluate conversion models');
  model
    .command('eval')
    .description(
      'Train on the training part of a CSV and compare the model with the naive-Bayes baseline on the test part',
    )
    .requiredOption('--csv <file>', 'CSV file with a header row')
    .requiredOption('--target <column>', 'column holding the outcome')
    .requiredOption('--positive <value>', 'target value that means converted / won')
    .option('--negative <values>', 'comma-separated target values that mean lost (other values are skipped)')
    .option('--exclude <columns>', 'comma-separated columns never to use as features')
    .option('--delimiter <char>', 'field delimiter (default: guessed from the header line: , ; tab or |)')
    .option(
      '--split <kind>',
      `how to split: ${SPLIT_KINDS.join(' or ')} (ordered keeps file order)`,
      'random',
    )
    .option('--seed <n>', 'random seed for the split and the learners', '42')
    .option('--test-fraction <f>', 'share of rows held out for testing', '0.2')
    .option('--json', 'print one JSON object instead of tables')
    .action((flags: EvalFlags) => {
      if (!(SPLIT_KINDS as readonly string[]).includes(flags.split)) {
        throw new Error(`--split must be one of ${SPLIT_KINDS.join(', ')} (got "${flags.split}")`);
      }
      const { rows } = readCsvRows(
        flags.csv,
        flags.delimiter === undefined ? undefined : delimiterFlag(flags.delimiter),
      );
      const report = evaluateOnRows(rows, {
        target: flags.target,
        positive: flags.positive,
        negatives: list(flags.negative),
        exclude: list(flags.exclude),
        split: flags.split as SplitKind,
        seed: numberFlag('--seed', flags.seed),
        testFraction: numberFlag('--test-fraction', flags.testFraction),
      });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(evaluationJson(report))}\n`);
        return;
      }
      const title = `${basename(flags.csv)}: predicting ${flags.target} = ${flags.positive}`;
      process.stdout.write(`${formatEvaluationReport(report, title)}\n`);
    });
}
