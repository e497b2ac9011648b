import type { FieldIssue } from '@triage/contracts';
import { type ScoringPolicy, workspaceFrameworks } from '@triage/core';
import { jsonPointer } from '../../http-error';

/** The framework keys a policy may name: the built-in ones and the custom ones it defines itself. */
export function knownFrameworkKeys(policy: ScoringPolicy): string[] {
  return workspaceFrameworks(policy).map((framework) => framework.key);
}

/** A policy that names a framework nobody can assess with would leave every lead without a qualification path. */
export function unknownFrameworkIssues(policy: ScoringPolicy, known: readonly string[]): FieldIssue[] {
  const list = known.join(', ');
  const issue = (pointer: string, key: string): FieldIssue => ({
    location: 'body',
    pointer,
    message: `names no framework of this workspace: "${key}" (known: ${list})`,
  });
  const issues: FieldIssue[] = [];
  if (!known.includes(policy.frameworks.default))
    issues.push(issue('/policy/frameworks/default', policy.frameworks.default));
  for (const key of Object.keys(policy.frameworks.passRules ?? {}))
    if (!known.includes(key))
      issues.push(issue(jsonPointer(['policy', 'frameworks', 'passRules', key]), key));
  return issues;
}
