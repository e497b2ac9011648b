import type {
  Assessment,
  Criterion,
  CriterionStatus,
  FrameworkDefinition,
  FrameworkEvaluation,
  Level,
  NextQuestions,
  PassRule,
} from './framework-types';
import { CRITERION_STATUSES, LEVELS } from './framework-types';
import { countInWords, describePassRule, formatPercent, joinLabels } from './pass-rule';

/*
 * How an assessment is judged against a framework:
 *
 * - A criterion the assessment does not mention is `unknown`. Keys the framework does not define (say,
 *   a criterion renamed in a later version) are listed in `unrecognizedCriteria` and otherwise ignored,
 *   so an assessment recorded against an old version still evaluates.
 * - Counting: `met` counts as met. For the `all` and `k_of_n` rules `partial` is not met; for the
 *   `weighted` rule it counts for half its weight.
 * - Levels are checked in order organization → opportunity → stakeholder. The verdict is `fail` at the
 *   first level holding a `not_met` criterion that is required, or, when the rule can no longer be
 *   reached even if every unknown and partial criterion became met, at the first level holding any
 *   `not_met` criterion. `failingLevel` is that level.
 * - `pass` when the rule is satisfied and every required criterion is met; otherwise `undecided`.
 * - `missing` lists the criteria not met and `nextQuestions` the unknown and partial ones, both in level
 *   order, heavier criteria first, then in the framework's own order.
 * - `completeness` is the met share of the total weight (partial counts half), rounded down so that
 *   100 means everything is met.
 *
 * The verdict only ever looks at the framework's criteria in the framework's order, so it does not
 * depend on the key order of the assessment object.
 */

/** Shares are compared with a little slack so a threshold of 0.7 is met by weights summing to 0.7. */
const EPSILON = 1e-9;

interface Judged {
  criterion: Criterion;
  status: CriterionStatus;
  order: number;
}

export function evaluateAssessment(
  framework: FrameworkDefinition,
  assessment: Assessment,
  passRuleOverride?: PassRule,
): FrameworkEvaluation {
  const rule = passRuleOverride ?? framework.passRule;
  const judged = byLevelThenWeight(
    framework.criteria.map((criterion, order) => ({
      criterion,
      status: statusOf(assessment, criterion.key),
      order,
    })),
  );
  const known = new Set(framework.criteria.map((criterion) => criterion.key));
  const requiredKeys = rule.required ?? [];
  const required = new Set(requiredKeys);
  const requiredButUndefined = requiredKeys.filter((key) => !known.has(key));
  const unrecognizedCriteria = Object.keys(assessment)
    .filter((key) => !known.has(key))
    .sort();

  const tally = tallyOf(judged);
  const satisfied = ruleSatisfied(rule, tally);
  const reachable = ruleReachable(rule, tally);

  const failure = findFailure(judged, required, reachable);
  const requiredAllMet =
    requiredButUndefined.length === 0 &&
    judged.every(({ criterion, status }) => !required.has(criterion.key) || status === 'met');
  const result = failure ? 'fail' : satisfied && requiredAllMet ? 'pass' : 'undecided';

  const explanation = [summarize(framework, rule, tally)];
  if (failure) {
    explanation.push(explainFailure(framework, rule, tally, failure));
  } else if (result === 'pass') {
    explanation.push(explainPass(framework, judged));
  } else {
    explanation.push(...explainUndecided(framework, rule, tally, judged, required));
  }
  if (requiredButUndefined.length > 0) {
    explanation.push(
      `The rule requires ${joinLabels(requiredButUndefined)}, which ${framework.name} v${framework.version} does not define, so it cannot pass.`,
    );
  }
  if (unrecognizedCriteria.length > 0) {
    explanation.push(
      `Ignored ${joinLabels(unrecognizedCriteria)}: not ${unrecognizedCriteria.length === 1 ? 'a criterion' : 'criteria'} of ${framework.name} v${framework.version}.`,
    );
  }

  return {
    framework: framework.key,
    version: framework.version,
    result,
    failingLevel: failure?.level ?? null,
    missing: judged.filter(({ status }) => status !== 'met').map(({ criterion }) => criterion.key),
    nextQuestions: judged
      .filter(({ status }) => status === 'unknown' || status === 'partial')
      .map(
        ({ criterion }): NextQuestions => ({
          criterion: criterion.key,
          label: criterion.label,
          level: criterion.level,
          questions: [...criterion.questions],
        }),
      ),
    completeness: Math.floor((100 * tally.creditedWeight) / tally.totalWeight + EPSILON),
    explanation,
    unrecognizedCriteria,
    appliedRule: rule,
  };
}

function statusOf(assessment: Assessment, key: string): CriterionStatus {
  if (!Object.hasOwn(assessment, key)) return 'unknown';
  const status = assessment[key]?.status;
  // Stored data may predate a status or be hand-edited; anything unrecognised is treated as not known.
  return (CRITERION_STATUSES as readonly string[]).includes(status as string)
    ? (status as CriterionStatus)
    : 'unknown';
}

function byLevelThenWeight(judged: Judged[]): Judged[] {
  return [...judged].sort(
    (a, b) =>
      LEVELS.indexOf(a.criterion.level) - LEVELS.indexOf(b.criterion.level) ||
      b.criterion.weight - a.criterion.weight ||
      a.order - b.order,
  );
}

interface Tally {
  total: number;
  met: number;
  partial: number;
  notMet: number;
  totalWeight: number;
  /** met weight plus half the partial weight */
  creditedWeight: number;
  /** weight that could still be met: everything except not_met */
  reachableWeight: number;
}

function tallyOf(judged: Judged[]): Tally {
  // Summed in framework order so that "everything met" gives exactly the total weight.
  const inOrder = [...judged].sort((a, b) => a.order - b.order);
  const tally: Tally = {
    total: judged.length,
    met: 0,
    partial: 0,
    notMet: 0,
    totalWeight: 0,
    creditedWeight: 0,
    reachableWeight: 0,
  };
  for (const { criterion, status } of inOrder) {
    tally.totalWeight += criterion.weight;
    if (status === 'met') tally.met += 1;
    if (status === 'partial') tally.partial += 1;
    if (status === 'not_met') tally.notMet += 1;
    if (status === 'met') tally.creditedWeight += criterion.weight;
    if (status === 'partial') tally.creditedWeight += criterion.weight / 2;
    if (status !== 'not_met') tally.reachableWeight += criterion.weight;
  }
  return tally;
}

function ruleSatisfied(rule: PassRule, tally: Tally): boolean {
  switch (rule.kind) {
    case 'all':
      return tally.met === tally.total;
    case 'k_of_n':
      return tally.met >= rule.k;
    case 'weighted':
      return tally.creditedWeight / tally.totalWeight >= rule.threshold - EPSILON;
  }
}

/** Could the rule still be satisfied if every unknown and partial criterion turned out met? */
function ruleReachable(rule: PassRule, tally: Tally): boolean {
  switch (rule.kind) {
    case 'all':
      return tally.notMet === 0;
    case 'k_of_n':
      return tally.total - tally.notMet >= rule.k;
    case 'weighted':
      return tally.reachableWeight / tally.totalWeight >= rule.threshold - EPSILON;
  }
}

interface Failure {
  level: Level;
  criterion: Criterion;
  because: 'required' | 'unreachable';
}

function findFailure(judged: Judged[], required: Set<string>, reachable: boolean): Failure | undefined {
  for (const level of LEVELS) {
    const notMet = judged.filter(
      ({ criterion, status }) => criterion.level === level && status === 'not_met',
    );
    const requiredNotMet = notMet.find(({ criterion }) => required.has(criterion.key));
    if (requiredNotMet) return { level, criterion: requiredNotMet.criterion, because: 'required' };
    const first = notMet[0];
    if (first && !reachable) return { level, criterion: first.criterion, because: 'unreachable' };
  }
  return undefined;
}

function summarize(framework: FrameworkDefinition, rule: PassRule, tally: Tally): string {
  const counts = [
    `${tally.met} of ${tally.total} criteria met`,
    ...(tally.partial > 0 ? [`${tally.partial} partial`] : []),
    ...(tally.notMet > 0 ? [`${tally.notMet} not met`] : []),
  ].join(', ');
  const share =
    rule.kind === 'weighted'
      ? ` (${formatPercent(tally.creditedWeight / tally.totalWeight)} of the weight)`
      : '';
  return `${counts}${share}; ${describePassRule(framework, rule)}.`;
}

function explainFailure(
  framework: FrameworkDefinition,
  rule: PassRule,
  tally: Tally,
  failure: Failure,
): string {
  const head = `${failure.criterion.label} is not met at the ${failure.level} level`;
  if (failure.because === 'required') return `${head}, and ${framework.name} requires it.`;
  switch (rule.kind) {
    case 'all':
      return `${head}, and the rule needs all ${countInWords(tally.total)}.`;
    case 'k_of_n':
      return `${head}; at most ${tally.total - tally.notMet} of ${tally.total} can still be met and the rule needs ${rule.k}.`;
    case 'weighted':
      return `${head}; at most ${formatPercent(tally.reachableWeight / tally.totalWeight)} of the weight can still be met and the rule needs ${formatPercent(rule.threshold)}.`;
  }
}

function explainPass(framework: FrameworkDefinition, judged: Judged[]): string {
  const notMet = judged.filter(({ status }) => status === 'not_met').map(({ criterion }) => criterion.label);
  return notMet.length === 0
    ? `Qualified on ${framework.name}.`
    : `Qualified on ${framework.name}; the rule allows ${joinLabels(notMet)} to be not met.`;
}

function explainUndecided(
  framework: FrameworkDefinition,
  rule: PassRule,
  tally: Tally,
  judged: Judged[],
  required: Set<string>,
): string[] {
  const open = judged.filter(({ status }) => status === 'unknown' || status === 'partial');
  const lines: string[] = [];
  const requiredOpen = open
    .filter(({ criterion }) => required.has(criterion.key))
    .map(({ criterion }) => criterion.label);
  if (requiredOpen.length > 0) {
    lines.push(`${joinLabels(requiredOpen)} must be met before ${framework.name} can pass.`);
  }
  if (!ruleSatisfied(rule, tally)) {
    if (rule.kind === 'k_of_n') {
      const short = rule.k - tally.met;
      const openLabels = joinLabels(open.map(({ criterion }) => criterion.label));
      lines.push(
        `${short} more ${short === 1 ? 'criterion needs' : 'criteria need'} to be met, from ${openLabels}.`,
      );
    } else {
      const otherOpen = open.filter(({ criterion }) => !required.has(criterion.key));
      const openLabels = joinLabels(otherOpen.map(({ criterion }) => criterion.label));
      if (otherOpen.length > 0)
        lines.push(`${requiredOpen.length > 0 ? 'Also open' : 'Still open'}: ${openLabels}.`);
    }
  }
  if (lines.length === 0) lines.push(`Not enough is known yet to decide on ${framework.name}.`);
  return lines;
}
