import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext } from '@triage/server/context';
import { rows } from '@triage/server/db/sql';
import { insertTrainingModel } from '@triage/server/modules/predictive/predictive.repository';
import { activateModel } from '@triage/server/modules/predictive/predictive.service';
import { runTraining } from '@triage/server/modules/predictive/training.service';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClosedLeads } from '../../server/test/support/predictive-workspace';
import { dbTargets } from '../../server/test/support/test-database';
import { type CliWorkspace, prepareCliWorkspace } from './support/cli-workspace';

const MAPPING = {
  columns: {
    Email: 'email',
    Company: 'account.name',
    Website: 'account.domain',
    Industry: 'account.industry',
    Source: 'source',
  },
};
const CSV = [
  'Email,Company,Website,Industry,Source',
  'ria@brightsoft.io,Brightsoft,brightsoft.io,software,referral',
  'abe@shopmart.com,Shopmart,shopmart.com,retail,ads',
  'not-an-email,Nobody,nobody.com,retail,ads',
].join('\n');

describe.each(dbTargets())('triage import leads with an active model on %s', (target) => {
  let ws: CliWorkspace;
  let tenantId: string;

  beforeAll(async () => {
    ws = await prepareCliWorkspace(target);
    const created = await ws.run(['tenant', 'create', 'Acme', '--json']);
    tenantId = JSON.parse(created.stdout).tenantId;
    writeFileSync(join(ws.folder, 'mapping.json'), JSON.stringify(MAPPING));
    writeFileSync(join(ws.folder, 'leads.csv'), CSV);
  }, 120_000);
  afterAll(() => ws.cleanup());

  it('without a model, imports and says the chance to convert waits for one', async () => {
    const empty = join(ws.folder, 'none.csv');
    writeFileSync(empty, 'Email,Company,Website,Industry,Source\nzed@zed.io,Zed,zed.io,software,ads\n');
    const result = await ws.run(['import', 'leads', empty, '--map', join(ws.folder, 'mapping.json')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Predicted:\s+no model is active/);
  });

  it('gives every imported lead the active model probability in the import itself', async () => {
    const database = await ws.open();
    let modelId: string;
    try {
      const ctx = createContext(database);
      await generateClosedLeads(ctx, tenantId, 250, Date.now(), 21);
      const registered = await insertTrainingModel(database.db, tenantId, {
        dataCutoff: new Date(),
        trigger: 'on_demand',
        requestedBy: null,
        createdAt: new Date(),
      });
      await runTraining(ctx, tenantId, registered.id);
      await activateModel(ctx, tenantId, registered.id);
      await ctx.predictions.close();
      modelId = registered.id;
    } finally {
      await database.close();
    }

    const result = await ws.run([
      'import',
      'leads',
      join(ws.folder, 'leads.csv'),
      '--map',
      join(ws.folder, 'mapping.json'),
      '--json',
    ]);
    expect(result.stderr).toBe('');
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ imported: 2, invalid: 1, predicted: 2, modelVersion: 1 });

    const check = await ws.open();
    try {
      const stored = await rows<{ email: string; p: number | null; model: string | null }>(
        check.db,
        sql`select email, predicted_probability as p, predicted_model_id as model from leads
            where tenant_id = ${tenantId} and email in ('ria@brightsoft.io', 'abe@shopmart.com') order by email`,
      );
      expect(stored.map((r) => r.model)).toEqual([modelId, modelId]);
      const [abe, ria] = stored;
      // The planted history: referral leads at software companies convert far more often.
      expect(ria!.p).toBeGreaterThan(abe!.p!);
    } finally {
      await check.close();
    }
  }, 120_000);
});
