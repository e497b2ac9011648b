import { z } from 'zod';
import { CONCEPTS } from './concepts';
import type { Assessment, EvidenceSource, FrameworkDefinition } from './framework-types';
import { CRITERION_STATUSES, LEVELS } from './framework-types';
import type { FrameworkIssue } from './pass-rule';
import { checkPassRule } from './pass-rule';

export const FRAMEWORK_KEY_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;
export const CRITERION_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const EVIDENCE_SOURCES = ['rep', 'extracted'] as const satisfies readonly EvidenceSource[];
export const MAX_EVIDENCE_CHARS = 2000;
export const MIN_QUESTIONS_PER_CRITERION = 3;

const text = (field: string, max: number) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be text`),
    })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`);

const requiredKeys = z.array(z.string()).exactOptional();

const passRuleSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('all'), required: requiredKeys }),
    z.strictObject({
      kind: z.literal('k_of_n'),
      k: z.number().int('k must be a whole number'),
      required: requiredKeys,
    }),
    z.strictObject({ kind: z.literal('weighted'), threshold: z.number(), required: requiredKeys }),
  ],
  { error: 'pass rule kind must be "all", "k_of_n" or "weighted"' },
);

const criterionSchema = z.strictObject({
  key: z
    .string()
    .regex(
      CRITERION_KEY_PATTERN,
      'criterion key must be lowercase letters, digits or _, starting with a letter',
    ),
  label: text('label', 80),
  description: text('description', 1000),
  level: z.enum(LEVELS, { error: `level must be one of ${LEVELS.join(', ')}` }),
  weight: z.number().positive('weight must be greater than 0'),
  questions: z
    .array(text('question', 500))
    .min(
      MIN_QUESTIONS_PER_CRITERION,
      `each criterion needs at least ${MIN_QUESTIONS_PER_CRITERION} questions`,
    )
    .max(30, 'at most 30 questions per criterion'),
  concepts: z.array(z.enum(CONCEPTS, { error: `concept must be one of ${CONCEPTS.join(', ')}` })),
});

/**
 * A framework definition, custom or built-in, held to the same rules: slug keys, unique criterion keys,
 * at least three questions per criterion, positive weights, known levels and concepts, and a pass rule
 * that the criteria can satisfy.
 */
export const frameworkDefinitionSchema = z
  .strictObject({
    key: z
      .string()
      .regex(
        FRAMEWORK_KEY_PATTERN,
        'framework key must be 2-40 lowercase letters, digits or _, starting with a letter',
      ),
    version: z.number().int('version must be a whole number').min(1, 'version starts at 1'),
    name: text('name', 80),
    description: text('description', 2000),
    criteria: z
      .array(criterionSchema)
      .min(1, 'a framework needs at least one criterion')
      .max(50, 'at most 50 criteria'),
    passRule: passRuleSchema,
  })
  .superRefine((framework, ctx) => {
    const firstIndexOfKey = new Map<string, number>();
    framework.criteria.forEach((criterion, index) => {
      const earlier = firstIndexOfKey.get(criterion.key);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', index, 'key'],
          message: `criterion key "${criterion.key}" is already used by criterion ${earlier}`,
        });
      } else {
        firstIndexOfKey.set(criterion.key, index);
      }
      const questions = criterion.questions.map((question) => question.toLowerCase());
      questions.forEach((question, questionIndex) => {
        if (questions.indexOf(question) !== questionIndex) {
          ctx.addIssue({
            code: 'custom',
            path: ['criteria', index, 'questions', questionIndex],
            message: 'this question repeats an earlier one',
          });
        }
      });
      criterion.concepts.forEach((concept, conceptIndex) => {
        if (criterion.concepts.indexOf(concept) !== conceptIndex) {
          ctx.addIssue({
            code: 'custom',
            path: ['criteria', index, 'concepts', conceptIndex],
            message: `concept "${concept}" is listed twice`,
          });
        }
      });
    });
    for (const issue of checkPassRule(framework.criteria, framework.passRule)) {
      ctx.addIssue({
        code: 'custom',
        path: ['passRule', ...pointerSegments(issue.path)],
        message: issue.message,
      });
    }
  }) satisfies z.ZodType<FrameworkDefinition>;

export const criterionAssessmentSchema = z.strictObject({
  status: z.enum(CRITERION_STATUSES, { error: `status must be one of ${CRITERION_STATUSES.join(', ')}` }),
  evidence: z
    .string()
    .max(MAX_EVIDENCE_CHARS, `evidence must be at most ${MAX_EVIDENCE_CHARS} characters`)
    .exactOptional(),
  source: z.enum(EVIDENCE_SOURCES, { error: `source must be one of ${EVIDENCE_SOURCES.join(', ')}` }),
  confidence: z
    .number()
    .min(0, 'confidence must be from 0 to 1')
    .max(1, 'confidence must be from 0 to 1')
    .exactOptional(),
});

/**
 * Per-criterion answers keyed by criterion key. Keys are not checked against a framework here: an
 * assessment may outlive the framework version it was made for, and the evaluator reports extra keys.
 */
export const assessmentSchema = z.record(
  z.string().min(1, 'criterion key must not be empty').max(80, 'criterion key is too long'),
  criterionAssessmentSchema,
) satisfies z.ZodType<Assessment>;

export function validateFramework(
  input: unknown,
): { ok: true; framework: FrameworkDefinition } | { ok: false; issues: FrameworkIssue[] } {
  const parsed = frameworkDefinitionSchema.safeParse(input);
  return parsed.success
    ? { ok: true, framework: parsed.data }
    : { ok: false, issues: toIssues(parsed.error) };
}

export function validateAssessment(
  input: unknown,
): { ok: true; assessment: Assessment } | { ok: false; issues: FrameworkIssue[] } {
  const parsed = assessmentSchema.safeParse(input);
  return parsed.success
    ? { ok: true, assessment: parsed.data }
    : { ok: false, issues: toIssues(parsed.error) };
}

function toIssues(error: z.ZodError): FrameworkIssue[] {
  return error.issues.map((issue) => ({ path: toJsonPointer(issue.path), message: issue.message }));
}

/** RFC 6901: "" is the whole document; "~" and "/" inside a segment are escaped. */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

function pointerSegments(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) =>
      /^\d+$/.test(segment) ? Number(segment) : segment.replaceAll('~1', '/').replaceAll('~0', '~'),
    );
}
