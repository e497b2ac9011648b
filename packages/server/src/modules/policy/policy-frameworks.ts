import type { FieldIssue } from '@triage/contracts';
import { BUILT_IN_FRAMEWORKS, type ScoringPolicy } from '@triage/core';
import { jsonPointer } from '../../http-error';

/**
 * The framework keys a policy may name. Workspaces have only the built-in frameworks today; when custom
 * frameworks are stored, their keys join this list.
 */
export function knownFrameworkKeys(): string[] {
  return BUILT_IN_FRAMEWORKS.map((framework) => framework.key);
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
