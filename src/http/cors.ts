import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * CORS for browser callers such as the CDS Hooks sandbox: only the configured origins (or `*`), the headers a
 * CDS client sends (`Authorization`, `Content-Type`), and never credentials: callers authenticate with a
 * bearer JWT, not cookies, so `*` can never expose a cookie-authenticated session.
 * @see https://cds-hooks.hl7.org/2.0/#cross-origin-resource-sharing
 */
export function corsPolicy(origins: readonly string[]): RequestHandler {
  const origin = origins.includes('*') ? '*' : origins.length > 0 ? [...origins] : false;
  return cors({
    origin,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'WWW-Authenticate'],
    credentials: false,
    maxAge: 600,
  });
}
