/**
 * `jti` values seen, each kept until its token expires: a replayed JWT is refused for as long as it would
 * otherwise be valid. Bounded in time (entries leave at expiry; token lifetimes are capped) and in size.
 * @see https://cds-hooks.hl7.org/2.0/#trusting-cds-clients
 */
export class ReplayCache {
  private readonly expiries = new Map<string, number>();
  private lastSweepAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly capacity = 200_000,
    private readonly sweepEveryMs = 30_000,
  ) {}

  /**
   * Record a token id; `'replayed'` if it was seen and has not expired, `'full'` if the cache holds
   * `capacity` live ids (the caller refuses the token rather than forget one that might be replayed).
   */
  remember(key: string, expiresAtMs: number, nowMs: number): 'new' | 'replayed' | 'full' {
    const seen = this.expiries.get(key);
    if (seen !== undefined && seen > nowMs) return 'replayed';
    // A full sweep is O(size): periodic, or at most once a second while the cache is full.
    const due = nowMs >= this.lastSweepAt + this.sweepEveryMs;
    const fullAndStale = this.expiries.size >= this.capacity && nowMs >= this.lastSweepAt + 1000;
    if (due || fullAndStale) this.sweep(nowMs);
    if (this.expiries.size >= this.capacity) return 'full';
    this.expiries.set(key, expiresAtMs);
    return 'new';
  }

  get size(): number {
    return this.expiries.size;
  }

  private sweep(nowMs: number): void {
    for (const [key, exp] of this.expiries) if (exp <= nowMs) this.expiries.delete(key);
    this.lastSweepAt = nowMs;
  }
}
