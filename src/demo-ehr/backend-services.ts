import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { ClientJwtVerifier, AuthFailure } from '../http/auth/verify-client-jwt.js';
import { KeySets } from '../http/auth/key-sets.js';
import { ReplayCache } from '../http/auth/replay-cache.js';
import type { ExportAuthorizer } from '../fhir-server/bulk-export/export-routes.js';

/**
 * Demo mode only: the SMART Backend Services side of the demo authorization server. A registered client
 * (its id and public JWK Set, from `DEMO_BACKEND_CLIENTS`) posts `grant_type=client_credentials` with a
 * JWT assertion signed by its private key; the assertion is checked like a CDS client JWT (signature by a
 * key of that client, `aud` the token URL, `exp` at most five minutes ahead, `jti` used once) plus
 * `iss` = `sub` = client id, and a short-lived opaque access token is issued. The embedded FHIR server's
 * Bulk Data export then accepts only those tokens.
 * @see https://hl7.org/fhir/smart-app-launch/backend-services.html
 */
export interface BackendClient {
  clientId: string;
  jwks: { keys: Record<string, unknown>[] };
}

export interface BackendServicesOptions {
  clients: BackendClient[];
  /** Lifetime of an issued access token. */
  tokenTtlSeconds?: number;
  /** Clock of issued tokens and assertion checks (ms); tests move it to expire tokens. */
  now?: () => number;
}

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const MAX_TOKENS = 10_000;
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)\s*$/i;

export interface BackendServices {
  /** Answer a `client_credentials` token request (the form body already parsed). */
  token(req: Request, res: Response, body: Record<string, unknown>, tokenUrl: string): Promise<void>;
  /** The check of the export endpoints: a live token issued here. */
  authorize: ExportAuthorizer;
  /** What the SMART configuration adds for Backend Services clients. */
  discovery: Record<string, unknown>;
}

function oauthError(res: Response, status: number, error: string, description: string): void {
  res.status(status).set('Cache-Control', 'no-store').json({ error, error_description: description });
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** Only read scopes of the system context: the demo server is read-only. */
function grantedScope(asked: string | undefined): string | undefined {
  const scopes = (asked ?? 'system/*.read').split(/\s+/).filter(Boolean);
  const ok = scopes.every((s) => /^system\/(\*|[A-Z][A-Za-z]+)\.(read|rs|r|s)$/.test(s));
  return ok && scopes.length > 0 ? scopes.join(' ') : undefined;
}

export function createBackendServices(options: BackendServicesOptions): BackendServices {
  const now = options.now ?? Date.now;
  const ttl = options.tokenTtlSeconds ?? 300;
  const auth = {
    disabled: false,
    discovery: false,
    trustedIssuers: options.clients.map((c) => ({ iss: c.clientId, jwks: c.jwks, jkuAllow: [] })),
    clockSkewSeconds: 30,
    maxTokenLifetimeSeconds: 300,
  };
  const verifier = new ClientJwtVerifier(auth, new KeySets(), new ReplayCache(10_000, 30_000, now), now);
  const tokens = new Map<string, { clientId: string; expiresAt: number }>();

  const sweep = () => {
    for (const [token, t] of tokens) if (t.expiresAt <= now()) tokens.delete(token);
  };

  return {
    discovery: {
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
      scopes_supported: ['system/*.read'],
      capabilities: ['client-confidential-asymmetric', 'permission-v1'],
    },

    async token(_req, res, body, tokenUrl) {
      if (text(body['client_assertion_type']) !== CLIENT_ASSERTION_TYPE) {
        return oauthError(res, 400, 'invalid_request', `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}`);
      }
      const assertion = text(body['client_assertion']);
      if (!assertion) return oauthError(res, 400, 'invalid_request', 'client_assertion is missing');
      const scope = grantedScope(text(body['scope']));
      if (!scope) return oauthError(res, 400, 'invalid_scope', 'only system/*.read (or system/<Type>.read) scopes are granted');
      let clientId: string;
      try {
        const client = await verifier.verify(assertion, tokenUrl);
        if (client.sub !== client.iss) return oauthError(res, 401, 'invalid_client', 'the assertion must have sub equal to iss (the client id)');
        clientId = client.iss;
      } catch (err) {
        if (err instanceof AuthFailure) return oauthError(res, 401, 'invalid_client', err.message);
        throw err;
      }
      sweep();
      if (tokens.size >= MAX_TOKENS) return oauthError(res, 503, 'temporarily_unavailable', 'too many live tokens; retry shortly');
      const accessToken = randomBytes(32).toString('base64url');
      tokens.set(accessToken, { clientId, expiresAt: now() + ttl * 1000 });
      res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json({ access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope });
    },

    authorize(authorization) {
      const token = BEARER.exec(authorization ?? '')?.[1];
      if (!token) return { ok: false, reason: 'no bearer token' };
      const issued = tokens.get(token);
      if (!issued) return { ok: false, reason: 'unknown token' };
      if (issued.expiresAt <= now()) {
        tokens.delete(token);
        return { ok: false, reason: 'the token has expired' };
      }
      return { ok: true };
    },
  };
}
