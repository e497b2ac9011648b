import { ANUM } from './anum.framework';
import { BANT } from './bant.framework';
import { CHAMP } from './champ.framework';
import { FAINT } from './faint.framework';
import type { FrameworkDefinition } from './framework-types';
import { GPCTBA_CI } from './gpctba-ci.framework';
import { MEDDIC } from './meddic.framework';
import { MEDDPICC } from './meddpicc.framework';

export const FRAMEWORK_KEYS = ['bant', 'anum', 'faint', 'champ', 'meddic', 'meddpicc', 'gpctba_ci'] as const;
export type BuiltInFrameworkKey = (typeof FRAMEWORK_KEYS)[number];

/** Built-ins are shared by every tenant: frozen so no caller can edit them in place. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const BY_KEY: Record<BuiltInFrameworkKey, FrameworkDefinition> = {
  bant: BANT,
  anum: ANUM,
  faint: FAINT,
  champ: CHAMP,
  meddic: MEDDIC,
  meddpicc: MEDDPICC,
  gpctba_ci: GPCTBA_CI,
};

/** In FRAMEWORK_KEYS order: the simple first-call screens first, the enterprise ones last. */
export const BUILT_IN_FRAMEWORKS: readonly FrameworkDefinition[] = deepFreeze(
  FRAMEWORK_KEYS.map((key) => BY_KEY[key]),
);

export function isBuiltInFrameworkKey(key: string): key is BuiltInFrameworkKey {
  return (FRAMEWORK_KEYS as readonly string[]).includes(key);
}

export function getBuiltInFramework(key: string): FrameworkDefinition | undefined {
  return isBuiltInFrameworkKey(key) ? BY_KEY[key] : undefined;
}
