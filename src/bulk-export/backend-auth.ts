import { randomUUID } from 'node:crypto';
import { SignJWT, type CryptoKey, type KeyObject } from 'jose';
import type { HttpGet } from '../fhir-client/http-get.js';
import { fixedBudget, readCappedText } from '../security/capped-body.js';
import type { OutboundPolicy } from '../security/outbound.js';
import { BulkExportError } from './errors.js';
import { guardUrl } from './url-guard.js';

/**
 * SMART Backend Services credentials of the export client: a client id registered at the FHIR server's
 * authorization server together with the public half of `privateKey`.
 * @see https://hl7.org/fhir/smart-app-launch/backend-services.html
 */
export interface BackendAuth {
  clientId: string;
  privateKey: CryptoKey | KeyObject;
  alg: 'RS384' | 'ES384';
  /** `kid` of the key in the client's registered JWK Set. */
  kid: string;
  /** Token endpoint; default: `token_endpoint` of `[base]/.well-known/smart-configuration`. */
  tokenUrl?: string;
  /** Default `system/*.read`. */
  scope?: string;
}

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The assertion lives at most five minutes (the Backend Services limit); a little less, for clock skew. */
const ASSERTION_LIFETIME_S = 240;
/** A token is renewed this long before the server said it expires. */
const RENEW_MARGIN_MS = 30_000;
const MAX_BODY = 64 * 1024;

export interface TokenSource {
  /** A live access token; `fresh` asks for a new one (the server refused the last). */
  token(signal: AbortSignal, fresh?: boolean): Promise<string>;
}

interface Ctx {
  http: HttpGet;
  policy: OutboundPolicy;
  fhirBase: string;
  now: () => number;
}

async function readJson(res: { headers: { get(n: string): string | null }; body: ReadableStream<Uint8Array> | null }, what: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readCappedText(res, fixedBudget(MAX_BODY));
  } catch {
    throw new BulkExportError('auth', `the ${what} answer could not be read (over ${MAX_BODY} bytes or not UTF-8)`);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new BulkExportError('auth', `the ${what} answer is not a JSON object`);
}

async function call(ctx: Ctx, url: URL, init: Parameters<HttpGet>[1], what: string) {
  try {
    return await ctx.http(url, init);
  } catch (err) {
    if (init.signal.aborted) throw err;
    throw new BulkExportError('unreachable', `the ${what} ${url.origin}${url.pathname} could not be reached`);
  }
}

/** The token endpoint: configured, or from the FHIR server's SMART configuration. */
async function discoverTokenUrl(ctx: Ctx, signal: AbortSignal): Promise<URL> {
  const url = guardUrl(`${ctx.fhirBase}/.well-known/smart-configuration`, 'SMART configuration URL', ctx.policy);
  const res = await call(ctx, url, { headers: { accept: 'application/json' }, signal }, 'SMART configuration');
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    throw new BulkExportError('auth', `${url.href} answered HTTP ${res.status}; give the token URL explicitly`, res.status);
  }
  const config = await readJson(res, 'SMART configuration');
  const endpoint = config['token_endpoint'];
  if (typeof endpoint !== 'string') throw new BulkExportError('auth', `${url.href} names no token_endpoint`);
  return guardUrl(endpoint, 'token endpoint', ctx.policy);
}

/** The signed client assertion of one token request: `iss` = `sub` = client id, `aud` = token URL, unique `jti`. */
export async function clientAssertion(auth: BackendAuth, tokenUrl: string, nowMs: number): Promise<string> {
  const now = Math.floor(nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: auth.alg, kid: auth.kid, typ: 'JWT' })
    .setIssuer(auth.clientId)
    .setSubject(auth.clientId)
    .setAudience(tokenUrl)
    .setIssuedAt(now)
    .setExpirationTime(now + ASSERTION_LIFETIME_S)
    .setJti(randomUUID())
    .sign(auth.privateKey);
}

/**
 * Access tokens by the client-credentials grant with a signed JWT assertion, kept until shortly before they
 * expire. Concurrent callers share one token request.
 */
export function backendTokenSource(auth: BackendAuth, ctx: Ctx): TokenSource {
  let tokenUrl: URL | undefined;
  let current: { token: string; renewAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(signal: AbortSignal): Promise<string> {
    tokenUrl ??= auth.tokenUrl ? guardUrl(auth.tokenUrl, 'token URL', ctx.policy) : await discoverTokenUrl(ctx, signal);
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: auth.scope ?? 'system/*.read',
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: await clientAssertion(auth, tokenUrl.href, ctx.now()),
    });
    const res = await call(
      ctx,
      tokenUrl,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString(), signal },
      'token endpoint',
    );
    const body = await readJson(res, 'token endpoint').catch((err: unknown) => {
      if (res.status === 200) throw err;
      return {} as Record<string, unknown>;
    });
    if (res.status !== 200) {
      const why = typeof body['error_description'] === 'string' ? `: ${String(body['error'] ?? '')} ${body['error_description']}`.slice(0, 400) : '';
      throw new BulkExportError('auth', `the token endpoint refused client ${auth.clientId} (HTTP ${res.status})${why}`, res.status);
    }
    const token = body['access_token'];
    if (typeof token !== 'string' || token === '') throw new BulkExportError('auth', 'the token endpoint answered no access_token');
    const expiresIn = typeof body['expires_in'] === 'number' ? body['expires_in'] : 300;
    current = { token, renewAt: ctx.now() + Math.max(0, expiresIn * 1000 - RENEW_MARGIN_MS) };
    return token;
  }

  return {
    async token(signal, fresh = false) {
      if (fresh) current = undefined;
      if (current && ctx.now() < current.renewAt) return current.token;
      inFlight ??= fetchToken(signal).finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}
