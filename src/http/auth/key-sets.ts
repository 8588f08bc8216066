import { createLocalJWKSet, createRemoteJWKSet, customFetch, errors, type FetchImplementation, type JWTVerifyGetKey } from 'jose';
import { fixedBudget, readCappedText } from '../../security/capped-body.js';
import type { TrustedIssuer } from '../../config/types.js';

/** The keys could not be had at all (network, HTTP status, not a JWKS): not the client's key being wrong. */
export class KeySourceError extends Error {
  override readonly name = 'KeySourceError';
  constructor(readonly url: string) {
    super(`the JWK Set at ${url} could not be fetched`);
  }
}

export interface KeySetOptions {
  /**
   * Minimum time between two fetches of one URL triggered by an unknown `kid` (refresh on rotation, not on
   * every probe), and after a failed fetch (a failing endpoint is not asked again on every call).
   */
  cooldownMs: number;
  /** Keys are refetched after this age even when every `kid` is known. */
  maxAgeMs: number;
  timeoutMs: number;
  /** The clock of the failure cooldown; default `Date.now`. */
  now?: () => number;
}

export const defaultKeySetOptions: KeySetOptions = { cooldownMs: 30_000, maxAgeMs: 10 * 60_000, timeoutMs: 3_000 };

const MAX_JWKS_BYTES = 256 * 1024;

/** jose's fetch, but a redirect is an error and the body is capped (a JWKS is a few kB). */
const cappedFetch: FetchImplementation = async (url, options) => {
  const res = await fetch(url, { ...options, redirect: 'error' });
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    return new Response(null, { status: res.status });
  }
  const text = await readCappedText(res, fixedBudget(MAX_JWKS_BYTES));
  return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
};

function isJwkSet(text: string): boolean {
  try {
    return Array.isArray((JSON.parse(text) as { keys?: unknown } | null)?.keys);
  } catch {
    return false;
  }
}

/**
 * `cappedFetch` that remembers a failure (no answer, not 200, not a JWK Set) and, for `cooldownMs` after it,
 * fails at once without a request. jose already shares one fetch among concurrent calls and waits
 * `cooldownMs` between refreshes after a success; this adds the same pause after a failure.
 */
function fetchWithFailureCooldown(cooldownMs: number, now: () => number): FetchImplementation {
  let failedAt = Number.NEGATIVE_INFINITY;
  return async (url, options) => {
    if (now() < failedAt + cooldownMs) throw new Error('the last fetch of this JWK Set failed; cooling down');
    try {
      const res = await cappedFetch(url, options);
      const text = res.status === 200 ? await res.text() : '';
      if (!isJwkSet(text)) failedAt = now();
      return new Response(res.status === 200 ? text : null, { status: res.status, headers: res.headers });
    } catch (err) {
      failedAt = now();
      throw err;
    }
  };
}

/**
 * Key resolution for trusted issuers. Remote sets are cached per URL (jose refetches on an unknown `kid`,
 * at most once per cooldown); the URLs all come from configuration, so the cache is bounded by it.
 */
export class KeySets {
  private readonly remote = new Map<string, JWTVerifyGetKey>();
  private readonly inline = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly options: KeySetOptions = defaultKeySetOptions) {}

  /** Keys for this issuer's token: `jku` (already checked against the allow-list) when given, else its JWKS URL or inline keys. */
  forIssuer(issuer: TrustedIssuer, jku: string | undefined): JWTVerifyGetKey {
    if (jku !== undefined) return this.remoteSet(jku);
    if (issuer.jwksUrl) return this.remoteSet(issuer.jwksUrl);
    if (issuer.jwks) {
      let local = this.inline.get(issuer.iss);
      if (!local) this.inline.set(issuer.iss, (local = createLocalJWKSet(issuer.jwks as Parameters<typeof createLocalJWKSet>[0])));
      return local;
    }
    // Only jkuAllow configured and no jku in the header: there is nowhere to look.
    throw new KeySourceError('(none: the token has no jku and the issuer has no jwksUrl or jwks)');
  }

  private remoteSet(url: string): JWTVerifyGetKey {
    const cached = this.remote.get(url);
    if (cached) return cached;
    const set = createRemoteJWKSet(new URL(url), {
      cooldownDuration: this.options.cooldownMs,
      cacheMaxAge: this.options.maxAgeMs,
      timeoutDuration: this.options.timeoutMs,
      [customFetch]: fetchWithFailureCooldown(this.options.cooldownMs, this.options.now ?? Date.now),
    });
    const getKey: JWTVerifyGetKey = async (header, token) => {
      try {
        return await set(header, token);
      } catch (err) {
        if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) throw err;
        throw new KeySourceError(url);
      }
    };
    this.remote.set(url, getKey);
    return getKey;
  }
}
