import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { CdsError } from '../../errors.js';
import { printable, quotedString } from './printable.js';
import { AuthFailure, type AuthFailureCode, type ClientJwtVerifier } from './verify-client-jwt.js';

// The auth scheme is case-insensitive (RFC 7235 §2.1).
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)\s*$/i;

/** RFC 6750 challenge; the description is our reason as a quoted-string of printable ASCII. */
function challenge(code: AuthFailureCode, reason: string): string {
  if (code === 'missing') return 'Bearer realm="cds-services"';
  return `Bearer realm="cds-services", error="invalid_token", error_description=${quotedString(reason)}`;
}

const shownIfAny = (v: string | undefined) => (v === undefined ? undefined : printable(v));

export interface ClientAuthOptions {
  verifier: ClientJwtVerifier;
  /** The service's public URL: `aud` must equal it plus the path called (the Host header is not trusted). */
  publicBaseUrl: string;
  logger: Logger;
  onFailure?: (code: AuthFailureCode) => void;
}

/**
 * Require a valid CDS client JWT (`Authorization: Bearer <jwt>`) before the body is even read. A refusal is
 * a 401 whose body and `WWW-Authenticate` header say which check failed.
 * @see https://cds-hooks.hl7.org/2.0/#trusting-cds-clients
 */
export function clientAuth(options: ClientAuthOptions): RequestHandler {
  return async (req, res, next) => {
    try {
      const match = BEARER.exec(req.get('authorization') ?? '');
      if (!match) {
        const given = req.get('authorization') !== undefined;
        throw new AuthFailure(given ? 'malformed' : 'missing', given ? 'the Authorization header must be "Bearer <JWT>"' : 'a CDS client JWT is required (Authorization: Bearer <JWT>)');
      }
      const path = req.originalUrl.split('?')[0] ?? '';
      const client = await options.verifier.verify(match[1]!, `${options.publicBaseUrl}${path}`);
      res.locals['client'] = client;
      options.logger.debug({ reqId: req.id, iss: client.iss, sub: shownIfAny(client.sub), tenant: shownIfAny(client.tenant) }, 'CDS client authenticated');
      next();
    } catch (err) {
      if (!(err instanceof AuthFailure)) return next(err);
      options.onFailure?.(err.code);
      // The precise reason, for the operator; the caller may only get the vague one (`UNTRUSTED`).
      if (err.detail !== err.message) options.logger.info({ reqId: req.id, reason: err.code, detail: err.detail }, 'CDS client JWT refused');
      if (err.code === 'replay-cache-full') return next(new CdsError('unavailable', err.message));
      res.setHeader('WWW-Authenticate', challenge(err.code, err.message));
      next(new CdsError('unauthorized', `Authentication failed: ${err.message}`));
    }
  };
}
