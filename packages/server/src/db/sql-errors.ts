/** SQLSTATE 23505. drizzle wraps driver errors (DrizzleQueryError), so the code may sit on a cause. */
export const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; cause?: unknown } | undefined;
  return e?.code === '23505' || (e?.cause !== undefined && isUniqueViolation(e.cause));
};
