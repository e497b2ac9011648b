import { describe, expect, it } from 'vitest';
import { PredictionScheduler } from '../src/modules/predictive/prediction-scheduler';

/** A fake re-prediction that records each batch and lets the test decide when it ends. */
function recorder() {
  const batches: { tenantId: string; ids: string[] }[] = [];
  let maxActivePerTenant = 0;
  const activeByTenant = new Map<string, number>();
  const repredict = async (tenantId: string, ids: string[]) => {
    const mine = (activeByTenant.get(tenantId) ?? 0) + 1;
    activeByTenant.set(tenantId, mine);
    maxActivePerTenant = Math.max(maxActivePerTenant, mine);
    batches.push({ tenantId, ids: [...ids].sort() });
    await new Promise((resolve) => setTimeout(resolve, 5));
    activeByTenant.set(tenantId, mine - 1);
  };
  return {
    batches,
    repredict,
    get maxActivePerTenant() {
      return maxActivePerTenant;
    },
  };
}

describe('PredictionScheduler', () => {
  it('re-predicts a lead scheduled several times once, in one batch with the others', async () => {
    const fake = recorder();
    const scheduler = new PredictionScheduler(fake.repredict, { delayMs: 1_000 });
    scheduler.schedule('t1', ['a', 'b']);
    scheduler.schedule('t1', ['b', 'c']);
    scheduler.schedule('t1', ['a']);
    expect(scheduler.pendingCount).toBe(3);
    expect(fake.batches).toEqual([]);
    await scheduler.flush();
    expect(fake.batches).toEqual([{ tenantId: 't1', ids: ['a', 'b', 'c'] }]);
    expect(scheduler.pendingCount).toBe(0);
  });

  it('runs by itself shortly after the last change, without a flush', async () => {
    const fake = recorder();
    const scheduler = new PredictionScheduler(fake.repredict, { delayMs: 1 });
    scheduler.schedule('t1', ['a']);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(fake.batches).toEqual([{ tenantId: 't1', ids: ['a'] }]);
  });

  it('splits large sets into batches and never runs two batches of one tenant at once', async () => {
    const fake = recorder();
    const scheduler = new PredictionScheduler(fake.repredict, { delayMs: 0, batchSize: 2 });
    scheduler.schedule('t1', ['a', 'b', 'c', 'd', 'e']);
    scheduler.schedule('t2', ['x']);
    await new Promise((resolve) => setTimeout(resolve, 2));
    // Scheduled while the first batch is being written: joins the queue, not a second writer.
    scheduler.schedule('t1', ['f']);
    await scheduler.flush();
    const t1 = fake.batches.filter((b) => b.tenantId === 't1');
    expect(t1.map((b) => b.ids.length).every((n) => n <= 2)).toBe(true);
    expect(t1.flatMap((b) => b.ids).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(fake.batches.filter((b) => b.tenantId === 't2')).toEqual([{ tenantId: 't2', ids: ['x'] }]);
    expect(fake.maxActivePerTenant).toBe(1);
  });

  it('reports a failed batch and goes on with the next one', async () => {
    const failures: { tenantId: string; ids: readonly string[]; message: string }[] = [];
    const done: string[] = [];
    const scheduler = new PredictionScheduler(
      async (_tenantId, ids) => {
        if (ids.includes('bad')) throw new Error('database went away');
        done.push(...ids);
      },
      {
        delayMs: 0,
        batchSize: 1,
        onError: (error, tenantId, ids) =>
          failures.push({ tenantId, ids, message: (error as Error).message }),
      },
    );
    scheduler.schedule('t1', ['bad', 'good']);
    await expect(scheduler.flush()).resolves.toBeUndefined();
    expect(failures).toEqual([{ tenantId: 't1', ids: ['bad'], message: 'database went away' }]);
    expect(done).toEqual(['good']);
  });

  it('drains what is queued on close and ignores what comes after', async () => {
    const fake = recorder();
    const scheduler = new PredictionScheduler(fake.repredict, { delayMs: 10_000 });
    scheduler.schedule('t1', ['a']);
    await scheduler.close();
    expect(fake.batches).toEqual([{ tenantId: 't1', ids: ['a'] }]);
    scheduler.schedule('t1', ['late']);
    expect(scheduler.pendingCount).toBe(0);
    await scheduler.flush();
    expect(fake.batches).toHaveLength(1);
  });

  it('schedules nothing for an empty list', async () => {
    const fake = recorder();
    const scheduler = new PredictionScheduler(fake.repredict, { delayMs: 0 });
    scheduler.schedule('t1', []);
    await scheduler.flush();
    expect(fake.batches).toEqual([]);
  });
});
