import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/create-db';
import { useKeyedPlans } from '../src/db/keyed-plans';
import { firstRow } from '../src/db/sql';
import { dbTargets, openTestDatabase } from './support/test-database';

const setting = async (db: Database['db'], name: string) =>
  (await firstRow<{ value: string }>(db, sql`select current_setting(${name}) as value`))?.value;

describe.each(dbTargets())('keyed plans on %s', (target) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(target);
  });
  afterAll(() => database.close());

  it('holds for the transaction that asks for it and ends with it (other queries keep the planner free)', async () => {
    const inside = await database.db.transaction(async (tx) => {
      await useKeyedPlans(tx);
      return [await setting(tx, 'enable_seqscan'), await setting(tx, 'enable_hashjoin')];
    });
    expect(inside).toEqual(['off', 'off']);
    // A pool hands out connections at will: ask every one of them.
    const after = await Promise.all(
      Array.from({ length: 4 }, () =>
        database.db.transaction(async (tx) => [
          await setting(tx, 'enable_seqscan'),
          await setting(tx, 'enable_hashjoin'),
        ]),
      ),
    );
    for (const pair of after) expect(pair).toEqual(['on', 'on']);
  });
});
