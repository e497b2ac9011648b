import type { FrameworkList, Lead, PolicyView } from '@triage/contracts';

type FrameworkSummary = FrameworkList['items'][number];
type Policy = PolicyView;

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

/** A workspace's own first-call screen, in its own words. */
const PILOT_READY = {
  key: 'pilot_ready',
  version: 1,
  name: 'Pilot ready',
  description: 'Our check before we offer a paid pilot.',
  criteria: [
    {
      key: 'sponsor',
      label: 'Sponsor',
      description: 'Someone senior wants the pilot to happen and will make time for it.',
      level: 'organization',
      weight: 2,
      concepts: ['champion'],
      questions: [
        'Who on your side would own the pilot day to day?',
        'Who would you report the results to?',
        'What would make that person call the pilot a success?',
      ],
    },
    {
      key: 'data_access',
      label: 'Data access',
      description: 'We can get the CRM export the pilot needs within two weeks.',
      level: 'opportunity',
      weight: 1,
      concepts: ['decision_process'],
      questions: [
        'Who can give us a read-only export of your leads?',
        'Which approvals does sharing that export need?',
        'How long did the last vendor wait for data access?',
      ],
    },
  ],
  passRule: { kind: 'all' },
};

describe.each(dbTargets())('custom frameworks on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;
  let globex: TestTenant;

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
    globex = await t.tenant('Globex');
  });
  afterAll(() => t.close());

  const putPolicy = async (tenant: TestTenant, change: (policy: Policy['policy']) => void) => {
    const current = (await tenant.call<Policy>('GET', '/v1/policy')).body.policy;
    change(current);
    return tenant.call<Policy & { issues?: { pointer: string; message: string }[] }>('PUT', '/v1/policy', {
      policy: current,
    });
  };

  it('a workspace defines its own framework in the policy, makes it the default, and qualifies leads with it', async () => {
    const published = await putPolicy(acme, (policy) => {
      policy.frameworks.custom = [PILOT_READY] as never;
      policy.frameworks.default = 'pilot_ready';
    });
    expect(published.status).toBe(201);

    const list = await acme.call<{ items: FrameworkSummary[] }>('GET', '/v1/frameworks');
    expect(list.body.items.at(-1)).toMatchObject({ key: 'pilot_ready', custom: true, name: 'Pilot ready' });
    expect(list.body.items.find((f) => f.key === 'bant')?.custom).toBe(false);
    // Another workspace does not see it.
    const theirs = await globex.call<{ items: FrameworkSummary[] }>('GET', '/v1/frameworks');
    expect(theirs.body.items.map((f) => f.key)).not.toContain('pilot_ready');

    const lead = (await acme.call<Lead>('POST', '/v1/leads', { email: 'ola@pilotco.io' })).body;
    for (const to of ['mql', 'sal']) await acme.call('POST', `/v1/leads/${lead.id}/transitions`, { to });
    const halfway = await acme.call<{
      result: string;
      missing: string[];
      nextQuestions: { criterion: string }[];
    }>('PUT', `/v1/leads/${lead.id}/assessments/pilot_ready`, {
      criteria: { sponsor: { status: 'met', evidence: 'The VP of Sales asked for it.' } },
    });
    expect(halfway.status).toBe(200);
    expect(halfway.body.result).not.toBe('pass');
    expect(halfway.body.missing).toEqual(['data_access']);

    const passed = await acme.call<{ result: string }>(
      'PUT',
      `/v1/leads/${lead.id}/assessments/pilot_ready`,
      {
        criteria: { sponsor: { status: 'met' }, data_access: { status: 'met' } },
      },
    );
    expect(passed.body.result).toBe('pass');
    const history = await acme.call<{ items: { to: string; why: string | null }[] }>(
      'GET',
      `/v1/leads/${lead.id}/transitions`,
    );
    expect(history.body.items.find((item) => item.to === 'sql')?.why).toBe(
      'The Pilot ready qualification passed: sales-qualified.',
    );
    expect((await globex.call('GET', `/v1/leads/${lead.id}/assessments/pilot_ready`)).status).toBe(404);
  });

  it('holds custom frameworks to the same rules as the built-in ones, and changes nothing when refused', async () => {
    const before = (await acme.call<Policy>('GET', '/v1/policy')).body.version;
    const thin = await putPolicy(acme, (policy) => {
      policy.frameworks.custom = [
        {
          ...PILOT_READY,
          criteria: [{ ...PILOT_READY.criteria[0]!, questions: ['Who owns it?'] }, PILOT_READY.criteria[1]!],
        },
      ] as never;
    });
    expect(thin.status).toBe(400);
    expect(thin.body.issues?.map((i) => i.pointer)).toEqual([
      '/policy/frameworks/custom/0/criteria/0/questions',
    ]);

    const taken = await putPolicy(acme, (policy) => {
      policy.frameworks.custom = [{ ...PILOT_READY, key: 'meddic' }] as never;
    });
    expect(taken.status).toBe(400);
    expect(taken.body.issues?.map((i) => i.pointer)).toContain('/policy/frameworks/custom/0/key');

    // Dropping the framework the policy still names as its default would leave leads without a way to qualify.
    const dropped = await putPolicy(acme, (policy) => {
      policy.frameworks.custom = [];
    });
    expect(dropped.status).toBe(400);
    expect(dropped.body.issues?.map((i) => i.pointer)).toEqual(['/policy/frameworks/default']);
    // An override the framework's criteria cannot satisfy would keep every lead from passing.
    const impossible = await putPolicy(acme, (policy) => {
      policy.frameworks.passRules = { pilot_ready: { kind: 'k_of_n', k: 9 } };
    });
    expect(impossible.status).toBe(400);
    expect(impossible.body.issues?.map((i) => i.pointer)).toEqual([
      '/policy/frameworks/passRules/pilot_ready/k',
    ]);

    // Changing the criteria under the same version would read old assessments against new criteria.
    const unversioned = await putPolicy(acme, (policy) => {
      const [pilot] = policy.frameworks.custom as (typeof PILOT_READY)[];
      policy.frameworks.custom = [
        { ...pilot!, criteria: [pilot!.criteria[0]!, { ...pilot!.criteria[1]!, key: 'data_export' }] },
      ] as never;
    });
    expect(unversioned.status).toBe(400);
    expect(unversioned.body.issues?.map((i) => i.pointer)).toEqual(['/policy/frameworks/custom/0/version']);
    expect((await acme.call<Policy>('GET', '/v1/policy')).body.version).toBe(before);

    const versioned = await putPolicy(acme, (policy) => {
      const [pilot] = policy.frameworks.custom as (typeof PILOT_READY)[];
      policy.frameworks.custom = [
        {
          ...pilot!,
          version: 2,
          criteria: [pilot!.criteria[0]!, { ...pilot!.criteria[1]!, key: 'data_export' }],
        },
      ] as never;
    });
    expect(versioned.status).toBe(201);
  });

  it('refuses a call note on a framework the workspace does not have, at /framework', async () => {
    const lead = (await acme.call<Lead>('POST', '/v1/leads', { email: 'notes@pilotco.io' })).body;
    const note = await acme.call<{ issues: { pointer: string }[] }>('POST', `/v1/leads/${lead.id}/notes`, {
      text: 'They have budget set aside for next quarter.',
      framework: 'nope',
    });
    expect(note.status).toBe(400);
    expect(note.body.issues.map((i) => i.pointer)).toEqual(['/framework']);
  });
});
