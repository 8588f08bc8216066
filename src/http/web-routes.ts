import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type RequestHandler } from 'express';
import type { Config } from '../config/types.js';
import { CdsError } from '../errors.js';
import { projectFile } from '../project-files.js';
import { routeLabel } from '../observability/http-telemetry.js';
import { smartClientConfig } from '../smart/smart-config.js';
import { pagePolicy } from './security-headers.js';

export interface WebRoutesOptions {
  /** Built browser assets (`npm run build` writes `dist/web`). */
  webDir?: string;
}

/** Where the built browser pages are, unless a caller says otherwise. */
export const defaultWebDir = (): string => projectFile('dist/web');

/**
 * Demo mode runs on plain http (localhost, a docker network): the page policy's `upgrade-insecure-requests`
 * would turn the SMART redirects into https requests to a server that has no TLS, so demo pages drop it.
 */
function withPlainHttp(demo: boolean, policy: RequestHandler): RequestHandler {
  if (!demo) return policy;
  return (req, res, next) => {
    policy(req, res, (err?: unknown) => {
      const csp = res.getHeader('Content-Security-Policy');
      if (typeof csp === 'string') {
        res.setHeader('Content-Security-Policy', csp.split(';').filter((d) => d.trim() !== 'upgrade-insecure-requests').join(';'));
      }
      next(err);
    });
  };
}

/** The page policies of this deployment: the SMART app's and the (demo) EHR page's. */
export function pagePolicies(config: Pick<Config, 'mode'>): { smart: RequestHandler; ehr: RequestHandler } {
  const demo = config.mode === 'demo';
  // The app reads the EHR's FHIR server (any https origin; plain http too in demo) and may be framed by the EHR.
  const remote = demo ? ['https:', 'http:'] : ['https:'];
  return {
    smart: withPlainHttp(demo, pagePolicy({ connectSrc: ["'self'", ...remote], frameAncestors: ["'self'", ...remote] })),
    ehr: withPlainHttp(demo, pagePolicy({ frameSrc: ["'self'", ...remote] })),
  };
}

/**
 * The policy of a page the server renders itself (no script; styles only from the inline sheet whose CSP hash
 * is given), e.g. the rule pages.
 */
export function documentPolicy(config: Pick<Config, 'mode'>, styleHash: string): RequestHandler {
  return withPlainHttp(config.mode === 'demo', pagePolicy({ scriptSrc: ["'none'"], styleSrc: [styleHash] }));
}

/** A built page; when it is missing the service still runs and the page answers 503 naming the build command. */
export function builtPage(webDir: string, file: string): RequestHandler {
  return (_req, res) => {
    const path = join(webDir, file);
    if (!existsSync(path)) {
      throw new CdsError('unavailable', `The web pages are not built (${file} missing): run npm run build`);
    }
    res.sendFile(path, { headers: { 'Cache-Control': 'no-store' } });
  };
}

/**
 * The SMART app's pages: `/smart/launch`, `/smart/app`, its assets and `/smart/config.json`. The demo EHR
 * and its authorization server are the demo router's (`src/demo/demo-mode.ts`), mounted in demo mode only.
 * @see https://hl7.org/fhir/smart-app-launch/app-launch.html
 */
export function webRouter(config: Config, options: WebRoutesOptions = {}): express.Router {
  const webDir = options.webDir ?? defaultWebDir();
  const { smart } = pagePolicies(config);
  const router = express.Router();
  router.get('/smart/launch', smart, builtPage(webDir, 'launch.html'));
  router.get('/smart/app', smart, builtPage(webDir, 'app.html'));
  router.get('/smart/config.json', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(smartClientConfig(config));
  });
  // Static files: one route label for all of them, and a debug log line each (a page load fetches several).
  router.use('/smart/assets', routeLabel('/smart/assets/*', 'debug'), express.static(webDir, { index: false, maxAge: '5m', dotfiles: 'ignore' }));
  return router;
}
