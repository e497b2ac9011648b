import type { ScoringPolicy } from '../policy/scoring-policy';
import { BUILT_IN_FRAMEWORKS, getBuiltInFramework } from './built-in-frameworks';
import type { FrameworkDefinition } from './framework-types';

/** The frameworks a workspace can assess with: the built-in ones, then its own (from its policy). */
export function workspaceFrameworks(policy: ScoringPolicy): readonly FrameworkDefinition[] {
  const custom = policy.frameworks.custom;
  return custom?.length ? [...BUILT_IN_FRAMEWORKS, ...custom] : BUILT_IN_FRAMEWORKS;
}

export function findWorkspaceFramework(policy: ScoringPolicy, key: string): FrameworkDefinition | undefined {
  return getBuiltInFramework(key) ?? policy.frameworks.custom?.find((framework) => framework.key === key);
}

export const isCustomFramework = (framework: FrameworkDefinition): boolean =>
  getBuiltInFramework(framework.key) === undefined;
