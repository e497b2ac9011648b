/** drizzle wraps driver errors (DrizzleQueryError), so the SQLSTATE may sit on a cause. */
const hasSqlState = (error: unknown, code: string): boolean => {
  const e = error as { code?: string; cause?: unknown } | undefined;
  return e?.code === code || (e?.cause !== undefined && hasSqlState(e.cause, code));
};

/** SQLSTATE 23505. */
export const isUniqueViolation = (error: unknown): boolean => hasSqlState(error, '23505');

/** SQLSTATE 40P01: PostgreSQL aborted this transaction to break a lock cycle with another one. */
export const isDeadlock = (error: unknown): boolean => hasSqlState(error, '40P01');

/**
 * Runs a transaction again when PostgreSQL chose it as a deadlock victim: it was rolled back whole, so running
 * it again is safe, and a client should not see a 500 for two writers that happened to cross.
 */
export async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isDeadlock(error)) throw error;
    }
  }
}
