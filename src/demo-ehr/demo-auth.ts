import { createHash, randomBytes } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import type { BackendServices } from './backend-services.js';
import { decodeLaunch, type DemoLaunchContext } from './launch-context.js';

/**
 * Demo mode only: a minimal SMART authorization server for the embedded FHIR server, so the demo EHR can do
 * a real EHR launch (discovery, authorize redirect, code-for-token exchange with PKCE) and the app lands on
 * the patient the EHR chose. There is no login and no consent screen, and the embedded FHIR server does not
 * check the token: it serves synthetic demo data to anyone. Never mounted in production mode.
 * @see https://hl7.org/fhir/smart-app-launch/conformance.html
 */
export interface DemoAuthOptions {
  clientId: string;
  /** Public base URL of the service: redirect URIs must be on it (or on the origin the request came to). */
  publicBaseUrl: string;
  now?: () => number;
  /** SMART Backend Services clients (client_credentials with a signed JWT), for the Bulk Data export. */
  backendServices?: BackendServices;
}

interface IssuedCode {
  launch: DemoLaunchContext;
  clientId: string;
  redirectUri: string;
  scope: string;
  challenge?: string;
  expiresAt: number;
}

const CODE_TTL_MS = 60_000;
const MAX_CODES = 1000;
const TOKEN_TTL_S = 3600;
export const DEMO_AUTHORIZE_PATH = '/demo-ehr/auth/authorize';
export const DEMO_TOKEN_PATH = '/demo-ehr/auth/token';

function origin(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** OAuth 2 error response (RFC 6749 §5.2); the protocol's own format, not the service's OperationOutcome. */
function oauthError(res: Response, status: number, error: string, description: string): void {
  res.status(status).set('Cache-Control', 'no-store').json({ error, error_description: description });
}

export function demoAuthRouter(options: DemoAuthOptions): express.Router {
  const now = options.now ?? Date.now;
  const codes = new Map<string, IssuedCode>();
  const allowedOrigins = (req: Request) => new Set([origin(req), new URL(options.publicBaseUrl).origin]);
  const router = express.Router();

  router.get('/fhir/.well-known/smart-configuration', (req, res) => {
    const backend = options.backendServices?.discovery ?? {};
    const more = (key: string) => (Array.isArray(backend[key]) ? (backend[key] as string[]) : []);
    res.json({
      issuer: `${origin(req)}/fhir`,
      authorization_endpoint: `${origin(req)}${DEMO_AUTHORIZE_PATH}`,
      token_endpoint: `${origin(req)}${DEMO_TOKEN_PATH}`,
      grant_types_supported: ['authorization_code', ...more('grant_types_supported')],
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none', ...more('token_endpoint_auth_methods_supported')],
      ...(options.backendServices
        ? { token_endpoint_auth_signing_alg_values_supported: more('token_endpoint_auth_signing_alg_values_supported'), scopes_supported: more('scopes_supported') }
        : {}),
      capabilities: ['launch-ehr', 'client-public', 'context-ehr-patient', 'permission-patient', ...more('capabilities')],
    });
  });

  router.get(DEMO_AUTHORIZE_PATH, (req, res) => {
    const q = req.query;
    const redirectUri = str(q['redirect_uri']);
    const clientId = str(q['client_id']);
    let target: URL;
    try {
      target = new URL(redirectUri ?? '');
    } catch {
      return oauthError(res, 400, 'invalid_request', 'redirect_uri is missing or not a URL');
    }
    // Never redirect to an address we do not know: only the SMART app of this service.
    if (!allowedOrigins(req).has(target.origin) || !target.pathname.endsWith('/smart/app') || target.search !== '') {
      return oauthError(res, 400, 'invalid_request', 'redirect_uri is not the SMART app of this service');
    }
    if (clientId !== options.clientId) return oauthError(res, 400, 'unauthorized_client', 'unknown client_id');

    const fail = (error: string, description: string) => {
      target.searchParams.set('error', error);
      target.searchParams.set('error_description', description);
      if (str(q['state'])) target.searchParams.set('state', String(q['state']));
      res.redirect(302, target.href);
    };
    if (q['response_type'] !== 'code') return fail('unsupported_response_type', 'only response_type=code');
    const state = str(q['state']);
    if (!state) return fail('invalid_request', 'state is required');
    if (str(q['aud'])?.replace(/\/+$/, '') !== `${origin(req)}/fhir`) return fail('invalid_request', 'aud is not this FHIR server');
    const launch = decodeLaunch(str(q['launch']) ?? '');
    if (!launch) return fail('invalid_request', 'launch is missing or was not issued by the demo EHR');
    const challenge = str(q['code_challenge']);
    if (challenge && q['code_challenge_method'] !== 'S256') return fail('invalid_request', 'only S256 code challenges');

    for (const [k, v] of codes) if (v.expiresAt < now()) codes.delete(k);
    if (codes.size >= MAX_CODES) return fail('temporarily_unavailable', 'too many pending launches');
    const code = randomBytes(24).toString('base64url');
    codes.set(code, {
      launch,
      clientId,
      redirectUri: target.href,
      scope: str(q['scope']) ?? '',
      ...(challenge ? { challenge } : {}),
      expiresAt: now() + CODE_TTL_MS,
    });
    target.searchParams.set('code', code);
    target.searchParams.set('state', state);
    res.set('Cache-Control', 'no-store').redirect(302, target.href);
  });

  router.post(DEMO_TOKEN_PATH, express.urlencoded({ extended: false, limit: '10kb' }), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body['grant_type'] === 'client_credentials' && options.backendServices) {
      // The assertion's aud must be the token URL the client discovered: the one on this origin.
      return options.backendServices.token(req, res, body, `${origin(req)}${DEMO_TOKEN_PATH}`);
    }
    if (body['grant_type'] !== 'authorization_code') {
      return oauthError(res, 400, 'unsupported_grant_type', options.backendServices ? 'only authorization_code or client_credentials' : 'only authorization_code');
    }
    const code = str(body['code']);
    const issued = code ? codes.get(code) : undefined;
    if (code) codes.delete(code); // one use only, whatever happens next
    if (!issued || issued.expiresAt < now()) return oauthError(res, 400, 'invalid_grant', 'unknown or expired code');
    if (str(body['client_id']) !== issued.clientId) return oauthError(res, 400, 'invalid_grant', 'client_id does not match the code');
    if (str(body['redirect_uri']) !== issued.redirectUri) return oauthError(res, 400, 'invalid_grant', 'redirect_uri does not match the code');
    if (issued.challenge) {
      const verifier = str(body['code_verifier']);
      const computed = verifier ? createHash('sha256').update(verifier).digest('base64url') : undefined;
      if (computed !== issued.challenge) return oauthError(res, 400, 'invalid_grant', 'code_verifier does not match the code challenge');
    }
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json({
      access_token: randomBytes(24).toString('base64url'),
      token_type: 'Bearer',
      expires_in: TOKEN_TTL_S,
      scope: issued.scope,
      patient: issued.launch.patient,
      ...(issued.launch.appContext !== undefined ? { appContext: issued.launch.appContext } : {}),
    });
  });

  return router;
}
