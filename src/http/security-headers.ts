import type { RequestHandler } from 'express';
import helmet from 'helmet';

type Directives = Record<string, string[]>;

/**
 * Security headers for every response (helmet). The default Content-Security-Policy fits a JSON API: nothing
 * may load, nothing may frame it. Routes serving pages override the CSP with `pagePolicy` on their router
 * (a later `Content-Security-Policy` header replaces this one).
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    // Browser callers (the CDS Hooks sandbox) read responses cross-origin under CORS.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/**
 * CSP for pages served by this app (e.g. a SMART app): its own scripts and styles only, plus what the page
 * needs beyond that (`connectSrc` for the EHR's FHIR server, `frameAncestors` for EHRs that embed it).
 * When `frameAncestors` is given, `X-Frame-Options` is dropped so the CSP governs framing alone.
 */
export function pagePolicy(extra: Directives = {}): RequestHandler {
  const csp = helmet.contentSecurityPolicy({
    useDefaults: true,
    directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], imgSrc: ["'self'", 'data:'], ...extra },
  });
  return (req, res, next) => {
    if (extra['frameAncestors']) res.removeHeader('X-Frame-Options');
    csp(req, res, next);
  };
}
