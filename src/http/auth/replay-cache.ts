/** What a store says of a token id: first use, a replay, or no room left to remember it. */
export type ReplayVerdict = 'fresh' | 'replayed' | 'full';

/**
 * Where the `jti` of each accepted client JWT is remembered until the token expires, so a replayed JWT is
 * refused for as long as it would otherwise be valid. The in-memory `ReplayCache` serves one process; a store
 * shared by several replicas implements the same interface.
 * @see https://cds-hooks.hl7.org/2.0/#trusting-cds-clients
 */
export interface ReplayStore {
  /**
   * Record `jti` of issuer `iss` until `expiresAtMs`: `'fresh'` the first time, `'replayed'` if it is still
   * remembered, `'full'` if this issuer's share of the store is taken by live ids (the caller then refuses the
   * token rather than forget one that might be replayed). One issuer filling its share never refuses another.
   * A rejection (the store cannot answer) is taken as `'full'`: the call is refused with 503, never let through.
   */
  claim(iss: string, jti: string, expiresAtMs: number): Promise<ReplayVerdict>;
}

/** One issuer's live ids. */
class IssuerIds {
  readonly expiries = new Map<string, number>();
  lastSweepAt = Number.NEGATIVE_INFINITY;
}

/**
 * The in-memory replay store: one bounded pool per issuer (issuers come from configuration and are checked
 * before anything is remembered, so the number of pools is bounded too). Entries leave at expiry; token
 * lifetimes are capped by `AUTH_MAX_TOKEN_LIFETIME_S`.
 */
export class ReplayCache implements ReplayStore {
  private readonly issuers = new Map<string, IssuerIds>();

  constructor(
    /** Live ids kept at most per issuer: 200,000 is about 600 calls/s for 5-minute tokens. */
    private readonly capacityPerIssuer = 200_000,
    private readonly sweepEveryMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(iss: string, jti: string, expiresAtMs: number): Promise<ReplayVerdict> {
    return this.claimNow(iss, jti, expiresAtMs, this.now());
  }

  /** `claim` at a given time (synchronous; tests and the async `claim` use it). */
  claimNow(iss: string, jti: string, expiresAtMs: number, nowMs: number): ReplayVerdict {
    let ids = this.issuers.get(iss);
    if (!ids) this.issuers.set(iss, (ids = new IssuerIds()));
    const seen = ids.expiries.get(jti);
    if (seen !== undefined && seen > nowMs) return 'replayed';
    // A full sweep is O(size): periodic, or at most once a second while this issuer's pool is full.
    const due = nowMs >= ids.lastSweepAt + this.sweepEveryMs;
    const fullAndStale = ids.expiries.size >= this.capacityPerIssuer && nowMs >= ids.lastSweepAt + 1000;
    if (due || fullAndStale) sweep(ids, nowMs);
    if (ids.expiries.size >= this.capacityPerIssuer) return 'full';
    ids.expiries.set(jti, expiresAtMs);
    return 'fresh';
  }

  /** Live ids remembered for one issuer (all issuers when none is named). */
  size(iss?: string): number {
    if (iss !== undefined) return this.issuers.get(iss)?.expiries.size ?? 0;
    let total = 0;
    for (const ids of this.issuers.values()) total += ids.expiries.size;
    return total;
  }
}

function sweep(ids: IssuerIds, nowMs: number): void {
  for (const [jti, exp] of ids.expiries) if (exp <= nowMs) ids.expiries.delete(jti);
  ids.lastSweepAt = nowMs;
}
