import type { AssessmentInput, AssessmentView, FieldIssue } from '@triage/contracts';
import {
  type Assessment,
  evaluateAssessment,
  type FrameworkDefinition,
  findWorkspaceFramework,
  isCustomFramework,
  passRuleOverride,
  type ScoringPolicy,
  workspaceFrameworks,
} from '@triage/core';
import type { AppContext } from '../../context';
import { toIso } from '../../db/timestamps';
import { invalid, notFound } from '../../http-error';
import type { AuthContext } from '../../plugins/auth';
import { requireLead } from '../leads/require-lead';
import { decideStageAfterScoring, storedFit } from '../transitions/stage-automation';
import { recordTransitions } from '../transitions/transitions.service';
import {
  type AssessmentRow,
  findAssessment,
  type StoredCriterion,
  saveAssessment,
} from './assessments.repository';

/** A built-in framework, or one of the workspace's own (from its policy). */
export function requireFramework(policy: ScoringPolicy, key: string): FrameworkDefinition {
  const framework = findWorkspaceFramework(policy, key);
  if (!framework) throw notFound(`Framework "${key}"`);
  return framework;
}

/** Stored criteria as the evaluation reads them (status, source, evidence, confidence). */
export function toAssessment(criteria: Record<string, StoredCriterion>): Assessment {
  const out: Assessment = {};
  for (const [key, c] of Object.entries(criteria)) {
    out[key] = {
      status: c.status,
      source: c.source,
      ...(c.evidence !== undefined ? { evidence: c.evidence } : {}),
      ...(c.confidence !== undefined ? { confidence: c.confidence } : {}),
    };
  }
  return out;
}

function toView(
  leadId: string,
  framework: FrameworkDefinition,
  stored: AssessmentRow | undefined,
  passRule: ReturnType<typeof passRuleOverride>,
): AssessmentView {
  const criteria = stored?.criteria ?? {};
  const evaluation = evaluateAssessment(framework, toAssessment(criteria), passRule);
  return {
    leadId,
    framework: framework.key,
    version: framework.version,
    name: framework.name,
    result: evaluation.result,
    failingLevel: evaluation.failingLevel,
    missing: evaluation.missing,
    completeness: evaluation.completeness,
    explanation: evaluation.explanation,
    passRule: { ...(passRule ?? framework.passRule) },
    nextQuestions: evaluation.nextQuestions,
    criteria: framework.criteria.map((c) => {
      const s = criteria[c.key];
      return {
        key: c.key,
        label: c.label,
        description: c.description,
        level: c.level,
        weight: c.weight,
        status: s?.status ?? 'unknown',
        evidence: s?.evidence ?? null,
        source: s?.source ?? null,
        confidence: s?.confidence ?? null,
        questions: c.questions,
      };
    }),
    updatedAt: stored ? toIso(stored.updatedAt) : null,
  };
}

export async function getAssessment(ctx: AppContext, auth: AuthContext, leadId: string, key: string) {
  const [policy] = await Promise.all([
    ctx.policies.get(auth.tenantId),
    requireLead(ctx.db, auth.tenantId, leadId),
  ]);
  const framework = requireFramework(policy.policy, key);
  const stored = await findAssessment(ctx.db, auth.tenantId, leadId, key);
  return toView(leadId, framework, stored, passRuleOverride(policy.policy, key));
}

/**
 * Replaces the lead's assessment for one framework. Criterion keys the framework does not have are refused.
 * A pass on a lead in SAL moves it to SQL by the framework-pass rule.
 */
export async function putAssessment(
  ctx: AppContext,
  auth: AuthContext,
  leadId: string,
  key: string,
  input: AssessmentInput,
) {
  const framework = requireFramework((await ctx.policies.get(auth.tenantId)).policy, key);
  const known = new Set(framework.criteria.map((c) => c.key));
  const issues: FieldIssue[] = Object.keys(input.criteria)
    .filter((k) => !known.has(k))
    .map((k) => ({
      location: 'body',
      pointer: `/criteria/${k}`,
      message: `${framework.name} has no criterion "${k}" (it has ${[...known].join(', ')})`,
    }));
  if (issues.length) throw invalid(issues);
  const now = new Date(ctx.now());
  const criteria: Record<string, StoredCriterion> = {};
  for (const [k, c] of Object.entries(input.criteria)) {
    criteria[k] = {
      status: c.status,
      source: c.source,
      ...(c.evidence ? { evidence: c.evidence } : {}),
      ...(c.confidence !== undefined ? { confidence: c.confidence } : {}),
      updatedAt: now.toISOString(),
    };
  }
  return storeAssessment(ctx, auth, leadId, framework, () => criteria);
}

/**
 * Saves the criteria that `build` returns from the stored ones (read under the lead's row lock, so concurrent
 * edits do not lose each other's criteria), evaluates them, and lets a pass move a lead in SAL to SQL.
 */
export async function storeAssessment(
  ctx: AppContext,
  auth: AuthContext,
  leadId: string,
  framework: FrameworkDefinition,
  build: (stored: Record<string, StoredCriterion>) => Record<string, StoredCriterion>,
) {
  const [policy, outbox] = await Promise.all([
    ctx.policies.get(auth.tenantId),
    ctx.webhooks.outbox(auth.tenantId),
  ]);
  const passRule = passRuleOverride(policy.policy, framework.key);
  const now = new Date(ctx.now());
  const stored = await ctx.db.transaction(async (tx) => {
    const lead = await requireLead(tx, auth.tenantId, leadId, true);
    const previous = await findAssessment(tx, auth.tenantId, leadId, framework.key);
    const criteria = build(previous?.criteria ?? {});
    const evaluation = evaluateAssessment(framework, toAssessment(criteria), passRule);
    const saved = await saveAssessment(tx, auth.tenantId, leadId, {
      framework: framework.key,
      frameworkVersion: framework.version,
      criteria,
      result: evaluation.result,
      updatedBy: `${auth.actor.kind}:${auth.actor.id}`,
    });
    if (evaluation.result === 'pass') {
      const move = decideStageAfterScoring(
        lead,
        storedFit(lead),
        undefined,
        undefined,
        policy,
        now,
        framework,
      );
      if (move) await recordTransitions(tx, auth.tenantId, [move], outbox);
    }
    return saved;
  });
  outbox.committed();
  return toView(leadId, framework, stored, passRule);
}

/** The built-in frameworks, then the workspace's own. */
export async function listFrameworks(ctx: AppContext, auth: AuthContext) {
  const policy = await ctx.policies.get(auth.tenantId);
  return {
    items: workspaceFrameworks(policy.policy).map((f) => {
      return {
        key: f.key,
        custom: isCustomFramework(f),
        version: f.version,
        name: f.name,
        description: f.description,
        passRule: { ...f.passRule },
        criteria: f.criteria.map((c) => ({
          key: c.key,
          label: c.label,
          level: c.level,
          weight: c.weight,
          questions: c.questions,
        })),
      };
    }),
  };
}
