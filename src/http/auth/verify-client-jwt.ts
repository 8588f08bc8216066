import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { AuthConfig } from '../../config/types.js';
import { KeySets, KeySourceError } from './key-sets.js';
import { printable } from './printable.js';
import { ReplayCache, type ReplayStore, type ReplayVerdict } from './replay-cache.js';

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
    /** For the log only: the precise reason where the message must stay vague (see `UNTRUSTED`). */
    readonly detail: string = message,
  ) {
    super(message);
  }
}

/**
 * What the caller is told about every check before a trusted key has verified the signature: an unknown
 * issuer, an unknown or unfetchable key and a bad signature read alike, so an unauthenticated caller cannot
 * probe which issuers and keys are trusted. The log and the metrics label keep the precise reason.
 */
export const UNTRUSTED = 'untrusted issuer or unknown key: the JWT is not signed by a key of a trusted CDS client';
const untrusted = (code: AuthFailureCode, detail: string) => new AuthFailure(code, UNTRUSTED, detail);

const MAX_JTI_LENGTH = 256;

/** Who called, as far as the verified JWT says. Logged (no token) and kept on `res.locals.client`. */
export interface ClientIdentity {
  iss: string;
  sub: string | undefined;
  tenant: string | undefined;
  kid: string;
}

/** An epoch-seconds claim as ISO time; a number beyond the Date range (`nbf: 1e300`) is no time, not a crash. */
function iso(epochSeconds: unknown): string {
  const date = new Date(typeof epochSeconds === 'number' ? epochSeconds * 1000 : Number.NaN);
  return Number.isNaN(date.getTime()) ? 'an invalid time' : date.toISOString();
}

/**
 * Verify the CDS client JWT of one call: signature by a trusted issuer's key (`kid` in its JWK Set; `jku`
 * only from its allow-list, otherwise ignored in favour of its configured keys), `aud` equal to the URL
 * called, `exp`/`nbf`/`iat` within the clock skew, a short lifetime, and a `jti` never seen before within
 * that lifetime.
 * @see https://cds-hooks.hl7.org/2.0/#trusting-cds-clients
 */
export class ClientJwtVerifier {
  constructor(
    private readonly auth: AuthConfig,
    private readonly keySets = new KeySets(),
    private readonly replay: ReplayStore = new ReplayCache(),
    private readonly clock: () => number = Date.now,
  ) {}

  async verify(token: string, audience: string): Promise<ClientIdentity> {
    const { header, unverified } = decode(token);
    const alg = typeof header.alg === 'string' ? header.alg : '';
    if (alg.toLowerCase() === 'none') throw new AuthFailure('algorithm', 'alg "none" is not accepted: the JWT must be signed');
    if (/^HS/i.test(alg)) throw new AuthFailure('algorithm', `alg ${printable(alg)} (HMAC) is not accepted: sign with the client's private key (ES384 or RS384)`);
    if (!ACCEPTED_ALGORITHMS.includes(alg)) throw new AuthFailure('algorithm', `alg ${printable(header.alg)} is not accepted (accepted: ${ACCEPTED_ALGORITHMS.join(', ')})`);
    const kid = typeof header.kid === 'string' && header.kid.length > 0 ? header.kid : undefined;
    if (!kid) throw new AuthFailure('no-kid', 'the JWT header has no kid');

    const iss = typeof unverified.iss === 'string' ? unverified.iss : undefined;
    const issuer = iss === undefined ? undefined : this.auth.trustedIssuers.find((i) => i.iss === iss);
    if (iss === undefined) throw new AuthFailure('untrusted-issuer', 'the JWT has no iss claim');
    if (!issuer) throw untrusted('untrusted-issuer', `iss ${printable(iss)} is not a trusted issuer`);
    // A jku on the allow-list names where the keys are; any other is ignored when the issuer has configured
    // keys (the CDS Hooks sandbox sends one on every call) and is never fetched.
    const jku = typeof header.jku === 'string' && issuer.jkuAllow.includes(header.jku) ? header.jku : undefined;
    const configuredKeys = issuer.jwksUrl !== undefined || issuer.jwks !== undefined;
    if (header.jku !== undefined && jku === undefined && !configuredKeys) {
      throw untrusted('untrusted-jku', `jku ${printable(header.jku, 200)} is not on the allow-list of issuer ${printable(issuer.iss)}, which has no other keys`);
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
    // A bounded key for the replay store; a UUID is 36 characters.
    if (payload.jti.length > MAX_JTI_LENGTH) throw new AuthFailure('claims', `jti must be at most ${MAX_JTI_LENGTH} characters`);
    let seen: ReplayVerdict;
    try {
      seen = await this.replay.claim(issuer.iss, payload.jti, (exp + skew) * 1000);
    } catch {
      // A store that cannot answer (a shared database away) cannot rule out a replay: refuse for now (503).
      seen = 'full';
    }
    if (seen === 'replayed') throw new AuthFailure('replayed', `jti ${printable(payload.jti)} was already used: a JWT is good for one call`);
    if (seen === 'full') throw new AuthFailure('replay-cache-full', 'the replay check cannot take this token now (too many recent tokens of this issuer, or the store is away); retry shortly');
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

/**
 * jose's errors, in the caller's terms. jose checks the claims only once the signature verifies, so the
 * claim errors may be precise; everything before that reads as `UNTRUSTED`.
 */
function describe(err: unknown, c: Context): AuthFailure {
  const kid = printable(c.kid);
  const issuer = printable(c.issuer);
  if (err instanceof KeySourceError) return untrusted('jwks-unavailable', `${err.message} (issuer ${issuer})`);
  if (err instanceof errors.JWKSNoMatchingKey) return untrusted('unknown-kid', `kid ${kid} is not in the JWK Set of issuer ${issuer}`);
  if (err instanceof errors.JWKSMultipleMatchingKeys) return untrusted('unknown-kid', `kid ${kid} matches several keys of issuer ${issuer}`);
  if (err instanceof errors.JWSSignatureVerificationFailed) return untrusted('signature', `the signature does not verify with key ${kid} of issuer ${issuer}`);
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return untrusted('algorithm', `the algorithm does not suit key ${kid} of issuer ${issuer}`);
  if (err instanceof errors.JWTExpired) return new AuthFailure('expired', `the JWT expired at ${iso(c.claims.exp)}`);
  if (err instanceof errors.JWTClaimValidationFailed) {
    const claim = printable(err.claim);
    if (err.reason === 'missing') return new AuthFailure('claims', `the JWT has no ${claim} claim`);
    if (err.claim === 'aud') return new AuthFailure('audience', `aud must be the URL called: ${printable(c.audience, 300)}`);
    if (err.claim === 'nbf') return new AuthFailure('not-yet-valid', `the JWT is not valid before ${iso(c.claims.nbf)}`);
    return new AuthFailure('claims', `the ${claim} claim is invalid`);
  }
  if (err instanceof errors.JWTInvalid) return new AuthFailure('claims', 'the JWT claims are not a JSON object');
  return untrusted('malformed', 'the bearer token is not a valid JWS');
}
