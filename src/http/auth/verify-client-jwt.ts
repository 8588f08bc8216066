import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { AuthConfig } from '../../config/types.js';
import { KeySets, KeySourceError } from './key-sets.js';
import { memoryReplayGuard, type ReplayGuard } from './replay-guard.js';

/** Asymmetric signatures only: a CDS client signs with its private key. ES384 and RS384 are the spec's minimum. */
export const ACCEPTED_ALGORITHMS = ['ES384', 'RS384', 'ES256', 'ES512', 'RS256', 'RS512', 'PS256', 'PS384', 'PS512'];

/** Which check a token failed: a bounded set, used as a metrics label and in logs. */
export type AuthFailureCode =
  | 'missing'
  | 'malformed'
  | 'algorithm'
  | 'untrusted-issuer'
  | 'no-kid'
  | 'untrusted-jku'
  | 'unknown-kid'
  | 'jwks-unavailable'
  | 'signature'
  | 'expired'
  | 'not-yet-valid'
  | 'audience'
  | 'claims'
  | 'lifetime'
  | 'replayed'
  | 'replay-cache-full';

/** A refused token; the message says why in words for the caller and never contains the token. */
export class AuthFailure extends Error {
  override readonly name = 'AuthFailure';
  constructor(
    readonly code: AuthFailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** Who called, as far as the verified JWT says. Logged (no token) and kept on `res.locals.client`. */
export interface ClientIdentity {
  iss: string;
  sub: string | undefined;
  tenant: string | undefined;
  kid: string;
}

const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);
const iso = (epochSeconds: unknown) => (typeof epochSeconds === 'number' ? new Date(epochSeconds * 1000).toISOString() : 'an invalid time');

/**
 * Verify the CDS client JWT of one call: signature by a trusted issuer's key (`kid` in its JWK Set; `jku`
 * only from its allow-list), `aud` equal to the URL called, `exp`/`nbf`/`iat` within the clock skew, a
 * short lifetime, and a `jti` never seen before within that lifetime.
 * @see https://cds-hooks.hl7.org/2.0/#trusting-cds-clients
 */
export class ClientJwtVerifier {
  private readonly replay: ReplayGuard;

  constructor(
    private readonly auth: AuthConfig,
    private readonly keySets = new KeySets(),
    replay?: ReplayGuard,
    private readonly clock: () => number = Date.now,
  ) {
    this.replay = replay ?? memoryReplayGuard(undefined, clock);
  }

  async verify(token: string, audience: string): Promise<ClientIdentity> {
    const { header, unverified } = decode(token);
    const alg = typeof header.alg === 'string' ? header.alg : '';
    if (alg.toLowerCase() === 'none') throw new AuthFailure('algorithm', 'alg "none" is not accepted: the JWT must be signed');
    if (/^HS/i.test(alg)) throw new AuthFailure('algorithm', `alg ${clip(alg)} (HMAC) is not accepted: sign with the client's private key (ES384 or RS384)`);
    if (!ACCEPTED_ALGORITHMS.includes(alg)) throw new AuthFailure('algorithm', `alg ${clip(alg)} is not accepted (accepted: ${ACCEPTED_ALGORITHMS.join(', ')})`);
    const kid = typeof header.kid === 'string' && header.kid.length > 0 ? header.kid : undefined;
    if (!kid) throw new AuthFailure('no-kid', 'the JWT header has no kid');

    const iss = typeof unverified.iss === 'string' ? unverified.iss : undefined;
    const issuer = iss === undefined ? undefined : this.auth.trustedIssuers.find((i) => i.iss === iss);
    if (!issuer) throw new AuthFailure('untrusted-issuer', iss === undefined ? 'the JWT has no iss claim' : `iss ${clip(iss)} is not a trusted issuer`);
    const jku = typeof header.jku === 'string' ? header.jku : undefined;
    if (header.jku !== undefined && (jku === undefined || !issuer.jkuAllow.includes(jku))) {
      throw new AuthFailure('untrusted-jku', `jku ${clip(String(header.jku))} is not on the allow-list of issuer ${clip(issuer.iss)}`);
    }

    const nowMs = this.clock();
    const skew = this.auth.clockSkewSeconds;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySets.forIssuer(issuer, jku), {
        issuer: issuer.iss,
        audience,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: skew,
        requiredClaims: ['iss', 'aud', 'exp', 'iat', 'jti'],
        currentDate: new Date(nowMs),
      }));
    } catch (err) {
      throw describe(err, { kid, audience, claims: unverified, issuer: issuer.iss });
    }

    const nowS = nowMs / 1000;
    const exp = payload.exp!;
    if (payload.iat! > nowS + skew) throw new AuthFailure('not-yet-valid', `iat ${iso(payload.iat)} is in the future`);
    if (exp - nowS > this.auth.maxTokenLifetimeSeconds + skew) {
      throw new AuthFailure('lifetime', `exp is more than ${this.auth.maxTokenLifetimeSeconds} s ahead; CDS client JWTs must be short-lived`);
    }
    if (typeof payload.jti !== 'string' || payload.jti.length === 0) throw new AuthFailure('claims', 'jti must be a non-empty string');
    const seen = await this.replay.claim(issuer.iss, payload.jti, (exp + skew) * 1000);
    if (seen === 'replayed') throw new AuthFailure('replayed', `jti ${clip(payload.jti)} was already used: a JWT is good for one call`);
    if (seen === 'full') throw new AuthFailure('replay-cache-full', 'too many recent tokens to check for replay; retry shortly');
    return {
      iss: issuer.iss,
      sub: typeof payload.sub === 'string' ? payload.sub : undefined,
      tenant: typeof payload['tenant'] === 'string' ? payload['tenant'] : undefined,
      kid,
    };
  }
}

function decode(token: string): { header: Record<string, unknown>; unverified: JWTPayload } {
  try {
    return { header: decodeProtectedHeader(token) as Record<string, unknown>, unverified: decodeJwt(token) };
  } catch {
    throw new AuthFailure('malformed', 'the bearer token is not a well-formed JWT');
  }
}

interface Context {
  kid: string;
  audience: string;
  claims: JWTPayload;
  issuer: string;
}

/** jose's errors, in the caller's terms. */
function describe(err: unknown, c: Context): AuthFailure {
  if (err instanceof KeySourceError) return new AuthFailure('jwks-unavailable', `${err.message} (issuer ${clip(c.issuer)})`);
  if (err instanceof errors.JWKSNoMatchingKey) return new AuthFailure('unknown-kid', `kid ${clip(c.kid)} is not in the JWK Set of issuer ${clip(c.issuer)}`);
  if (err instanceof errors.JWKSMultipleMatchingKeys) return new AuthFailure('unknown-kid', `kid ${clip(c.kid)} matches several keys of issuer ${clip(c.issuer)}`);
  if (err instanceof errors.JWSSignatureVerificationFailed) return new AuthFailure('signature', `the signature does not verify with key ${clip(c.kid)}`);
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return new AuthFailure('algorithm', 'the JWT algorithm or key type is not accepted');
  if (err instanceof errors.JWTExpired) return new AuthFailure('expired', `the JWT expired at ${iso(c.claims.exp)}`);
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.reason === 'missing') return new AuthFailure('claims', `the JWT has no ${err.claim} claim`);
    if (err.claim === 'aud') return new AuthFailure('audience', `aud must be the URL called: ${c.audience}`);
    if (err.claim === 'nbf') return new AuthFailure('not-yet-valid', `the JWT is not valid before ${iso(c.claims.nbf)}`);
    return new AuthFailure('claims', `the ${err.claim} claim is invalid`);
  }
  return new AuthFailure('malformed', 'the bearer token is not a valid JWS');
}
