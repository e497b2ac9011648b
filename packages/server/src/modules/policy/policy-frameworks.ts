import { isDeepStrictEqual } from 'node:util';
import type { FieldIssue } from '@triage/contracts';
import { checkPassRule, findWorkspaceFramework, type ScoringPolicy, workspaceFrameworks } from '@triage/core';
import { jsonPointer } from '../../http-error';

/** The framework keys a policy may name: the built-in ones and the custom ones it defines itself. */
export function knownFrameworkKeys(policy: ScoringPolicy): string[] {
  return workspaceFrameworks(policy).map((framework) => framework.key);
}

/** A policy that names a framework nobody can assess with would leave every lead without a qualification path. */
export function unknownFrameworkIssues(policy: ScoringPolicy, known: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!known.includes(policy.frameworks.default))
    issues.push(unknownFrameworkIssue('/policy/frameworks/default', policy.frameworks.default, known));
  for (const key of Object.keys(policy.frameworks.passRules ?? {}))
    if (!known.includes(key))
      issues.push(unknownFrameworkIssue(jsonPointer(['policy', 'frameworks', 'passRules', key]), key, known));
  return issues;
}

/** A request body field that names a framework the workspace does not have. */
export function unknownFrameworkIssue(pointer: string, key: string, known: readonly string[]): FieldIssue {
  return {
    location: 'body',
    pointer,
    message: `names no framework of this workspace: "${key}" (known: ${known.join(', ')})`,
  };
}

/**
 * A pass-rule override must be one the framework's criteria can satisfy (k no larger than the criteria, required
 * criteria that exist), as a framework's own rule must: otherwise its leads could never pass.
 */
export function passRuleOverrideIssues(policy: ScoringPolicy): FieldIssue[] {
  return Object.entries(policy.frameworks.passRules ?? {}).flatMap(([key, rule]) => {
    const framework = findWorkspaceFramework(policy, key);
    if (!framework) return [];
    const base = jsonPointer(['policy', 'frameworks', 'passRules', key]);
    return checkPassRule(framework.criteria, rule).map(
      (issue): FieldIssue => ({ location: 'body', pointer: `${base}${issue.path}`, message: issue.message }),
    );
  });
}

/**
 * A custom framework changed under the same version would make assessments made on that version read against
 * different criteria (a rep's answers silently ignored): a change needs a new version.
 */
export function unversionedFrameworkChanges(previous: ScoringPolicy, next: ScoringPolicy): FieldIssue[] {
  const before = new Map((previous.frameworks.custom ?? []).map((framework) => [framework.key, framework]));
  return (next.frameworks.custom ?? []).flatMap((framework, index): FieldIssue[] => {
    const old = before.get(framework.key);
    if (!old || old.version !== framework.version || isDeepStrictEqual(old, framework)) return [];
    return [
      {
        location: 'body',
        pointer: `/policy/frameworks/custom/${index}/version`,
        message: `${framework.name} changed but kept version ${framework.version}; raise it to ${framework.version + 1} so assessments made on version ${framework.version} stay readable`,
      },
    ];
  });
}

/**
 * What a new policy must satisfy beyond its schema, against the live one: `PUT /v1/policy` refuses a policy with
 * these issues, and a simulation refuses the same draft, so a draft that simulates is a draft that publishes.
 */
export function policyChangeIssues(live: ScoringPolicy, next: ScoringPolicy): FieldIssue[] {
  return [
    ...unknownFrameworkIssues(next, knownFrameworkKeys(next)),
    ...passRuleOverrideIssues(next),
    ...unversionedFrameworkChanges(live, next),
  ];
}
