import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type RequestHandler } from 'express';
import type { Config } from '../config/types.js';
import { DAY_MS } from '../domain/time.js';
import { CdsError } from '../errors.js';
import { pagePolicy } from '../http/security-headers.js';
import { builtPage } from '../http/web-routes.js';
import type { LearningStore } from '../store/learning-store.js';
import { ruleAnalytics } from './rule-analytics.js';

export interface AnalyticsRoutesOptions {
  config: Pick<Config, 'mode' | 'analyticsToken' | 'ledger'>;
  store: LearningStore | undefined;
  now: () => Date;
  webDir: string;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The operator token: `Authorization: Bearer $ANALYTICS_TOKEN`, compared in constant time. Without a token the
 * analytics are open in demo mode (synthetic data only) and off (404) in production.
 */
function operatorOnly(config: AnalyticsRoutesOptions['config']): RequestHandler {
  return (req, res, next) => {
    if (!config.analyticsToken) {
      if (config.mode === 'production') return next(new CdsError('not-found', 'Analytics are off: set ANALYTICS_TOKEN to enable them'));
      return next();
    }
    const m = /^Bearer +(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (!m || !timingSafeEqual(digest(m[1]!), digest(config.analyticsToken))) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="analytics"');
      return next(new CdsError('unauthorized', 'Analytics need the operator token (Authorization: Bearer <ANALYTICS_TOKEN>)'));
    }
    next();
  };
}

const FILTER = /^[\x21-\x7e]{1,512}$/;

function filter(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !FILTER.test(value)) throw new CdsError('bad-request', `${name}: one printable value of at most 512 characters`);
  return value;
}

/**
 * `GET /analytics/rules` (JSON) and `GET /analytics` (the page for informaticists). The page itself holds no
 * data: it asks for the token (unless the analytics are open) and fetches the JSON with it.
 */
export function analyticsRouter(options: AnalyticsRoutesOptions): express.Router {
  const router = express.Router();
  const guard = operatorOnly(options.config);
  router.get('/analytics', (req, res, next) => {
    if (options.config.mode === 'production' && !options.config.analyticsToken) return next(new CdsError('not-found', 'Analytics are off: set ANALYTICS_TOKEN to enable them'));
    next();
  }, pagePolicy(), builtPage(options.webDir, 'analytics.html'));
  router.get('/analytics/rules', guard, async (req, res) => {
    const store = options.config.ledger ? options.store : undefined;
    if (!store) throw new CdsError('unavailable', 'Analytics need the card ledger (LEDGER=on and a store)');
    const daysText = req.query['days'];
    const days = daysText === undefined ? 90 : Number(daysText);
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw new CdsError('bad-request', 'days: a whole number of days from 1 to 3650');
    const toMs = options.now().getTime() + 1;
    const q = {
      fromMs: toMs - days * DAY_MS,
      toMs,
      ...optional('service', filter(req.query['service'], 'service')),
      ...optional('hook', filter(req.query['hook'], 'hook')),
      ...optional('client', filter(req.query['client'], 'client')),
    };
    const report = ruleAnalytics(await store.analytics(q), q);
    res.set('Cache-Control', 'no-store').json(report);
  });
  return router;
}

const optional = <K extends string>(key: K, value: string | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, string>));
