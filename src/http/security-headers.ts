import type { RequestHandler } from 'express';
import helmet from 'helmet';

type Directives = Record<string, string[]>;

/** The headers a helmet middleware sets, taken once: they depend on its options only, never on the request. */
function headersOf(middleware: RequestHandler): Array<[string, string]> {
  const set = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: unknown) => void set.set(name, String(value)),
    removeHeader: (name: string) => void set.delete(name),
  };
  middleware({} as never, res as never, () => undefined);
  return [...set];
}

/**
 * Security headers for every response (helmet's). The default Content-Security-Policy fits a JSON API: nothing
 * may load, nothing may frame it. Routes serving pages override the CSP with `pagePolicy` on their router
 * (a later `Content-Security-Policy` header replaces this one). Helmet's headers are computed once at start-up
 * and then only copied onto each response.
 */
export function securityHeaders(): RequestHandler {
  const headers = headersOf(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      // Browser callers (the CDS Hooks sandbox) read responses cross-origin under CORS.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  if (headers.length < 5) throw new Error('helmet set fewer security headers than expected');
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
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
