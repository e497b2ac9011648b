/** Failed sign-ins one client may make at one account's password before it has to wait for the window to end. */
export const SIGN_IN_ATTEMPTS = { max: 10, windowMs: 15 * 60_000 } as const;

/** Past this many tracked keys, expired ones are swept on the next failure: memory stays bounded by the window. */
const SWEEP_AT = 10_000;

/**
 * Counts failed sign-ins per key (client address and email) in a window that starts at the first failure. A
 * success clears the key, so only guessing is slowed down, never a person who signs in often. In memory, per
 * process: behind several processes each allows the limit, which still turns guessing into a crawl.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; windowEnds: number }>();

  constructor(private readonly now: () => number) {}

  /** Milliseconds the key must wait before it may try again; 0 when it may try now. */
  waitMs(key: string): number {
    const entry = this.failures.get(key);
    if (!entry) return 0;
    const left = entry.windowEnds - this.now();
    if (left <= 0) {
      this.failures.delete(key);
      return 0;
    }
    return entry.count >= SIGN_IN_ATTEMPTS.max ? left : 0;
  }

  failed(key: string): void {
    const now = this.now();
    const entry = this.failures.get(key);
    if (entry && entry.windowEnds > now) entry.count++;
    else this.failures.set(key, { count: 1, windowEnds: now + SIGN_IN_ATTEMPTS.windowMs });
    if (this.failures.size > SWEEP_AT)
      for (const [other, { windowEnds }] of this.failures) if (windowEnds <= now) this.failures.delete(other);
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }
}
