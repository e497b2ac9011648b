import { isDeepStrictEqual } from 'node:util';
import type { PolicyInput } from '@triage/contracts';
import type { AppContext } from '../../context';
import { isUniqueViolation } from '../../db/sql-errors';
import { conflict, invalid } from '../../http-error';
import type { AuthContext } from '../../plugins/auth';
import { rescoreTenant } from '../scoring/rescore.service';
import { publishPolicy, toPolicyView } from './policy.service';
import { policyChangeIssues } from './policy-frameworks';

/** Publishes a new policy version and rescores every lead to it before answering. */
export async function updatePolicy(ctx: AppContext, auth: AuthContext, input: PolicyInput) {
  const previous = await ctx.policies.get(auth.tenantId);
  const issues = policyChangeIssues(previous.policy, input.policy);
  if (issues.length) throw invalid(issues);
  let published: Awaited<ReturnType<typeof publishPolicy>>;
  try {
    published = await publishPolicy(ctx.db, auth.tenantId, input.policy, input.note, auth.actor);
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('policy_conflict', 'Another policy version was published at the same moment; retry.');
    throw error;
  }
  ctx.policies.invalidate(auth.tenantId);
  // Compared as values: the stored policy comes back from jsonb with its keys reordered, so comparing JSON text
  // called every ICP edit an engagement change and replayed the whole ledger.
  const engagementChanged = !isDeepStrictEqual(previous.policy.engagement, input.policy.engagement);
  const rescoredLeads = await rescoreTenant(ctx, auth.tenantId, published, engagementChanged);
  return { ...toPolicyView(published), rescoredLeads };
}
