import { existsSync, readFileSync } from 'node:fs';
import express, { type Request, type Response } from 'express';
import type { Config } from '../config/types.js';
import { CdsError } from '../errors.js';
import { describeThresholds, type ThresholdDoc } from '../engine/catalogue.js';
import { suppresses } from '../engine/resolution.js';
import type { AnyRule } from '../engine/rule.js';
import { SEEDS } from '../engine/sources.js';
import * as thresholdValues from '../engine/thresholds.js';
import { projectFile } from '../project-files.js';
import { ruleIndexPage, rulePage, RULE_PAGE_STYLE_HASH, type RulePageData } from './rule-pages.js';
import { documentPolicy } from './web-routes.js';

/** A rule as the public sees it (card `source.url` points here), as JSON and as the HTML page. */
export type RuleDescription = RulePageData;

/**
 * The design thresholds with their meaning, which is the doc comment above each constant in
 * `src/engine/thresholds.ts` (read once; without the source file the values stay but cannot be tied to a rule).
 */
function designThresholds(): ThresholdDoc[] {
  const path = projectFile('src/engine/thresholds.ts');
  return describeThresholds(thresholdValues, existsSync(path) ? readFileSync(path, 'utf8') : '');
}

/** Does a text name the rule (`RC-2` is not named by "RC-21", `RC-E1` not by "RC-E10")? */
const namesRule = (text: string, id: string) => new RegExp(`(^|[^\\w-])${id.replace(/[^\w]/g, '\\$&')}(?!\\w)`).test(text);

/**
 * The one place that reads a rule's fields: everything public about a rule (JSON and page) comes from here.
 * Thresholds are those whose meaning names the rule; resolution from the suppression table.
 */
function describe({ meta: rule }: AnyRule, thresholds: readonly ThresholdDoc[], all: readonly AnyRule[]): RuleDescription {
  // Resolution among the chart-review or among the order rules: a card only ever hides one of its own hooks.
  const peers = all
    .map((r) => r.meta)
    .filter((m) => m.id !== rule.id && m.hooks.some((h) => rule.hooks.includes(h)))
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  return {
    id: rule.id,
    title: rule.title,
    origin: rule.origin,
    hooks: rule.hooks,
    trigger: rule.trigger,
    recommendation: rule.recommendation,
    indicator: rule.defaultIndicator,
    needsStageIV: !rule.withoutStageIV,
    evidence: {
      ...rule.evidence,
      seeds: rule.evidence.seeds.map((s) => ({ id: s, title: SEEDS[s] })),
    },
    thresholds: thresholds.filter((t) => namesRule(t.meaning, rule.id)),
    suppresses: peers.filter((m) => suppresses(rule.id, m.id)).map((m) => m.id),
    suppressedBy: peers.filter((m) => suppresses(m.id, rule.id)).map((m) => m.id),
  };
}

/**
 * JSON for programs, HTML for people: a browser (Accept: text/html) gets the page, anything else (no Accept,
 * `*\/*`, `application/json`) the JSON it always got.
 */
function wantsHtml(req: Request): boolean {
  return req.accepts(['application/json', 'text/html']) === 'text/html';
}

/** Every rule as the public sees it: what `GET /rules` answers (and the ledger's rule-set version hashes). */
export function describeRules(rules: readonly AnyRule[]): RuleDescription[] {
  const thresholds = designThresholds();
  return rules.map((r) => describe(r, thresholds, rules));
}

export function rulesRouter(rules: readonly AnyRule[], config: Pick<Config, 'mode'>): express.Router {
  const thresholds = designThresholds();
  const described = describeRules(rules);
  // Thresholds that name no rule shape the facts every rule reads (an active line, a CEA rise or response).
  const shared = thresholds.filter((t) => !/\bRC-/.test(t.meaning));
  const policy = documentPolicy(config, RULE_PAGE_STYLE_HASH);
  const respond = (req: Request, res: Response, json: unknown, html: () => string) => {
    res.vary('Accept');
    if (!wantsHtml(req)) return void res.json(json);
    policy(req, res, () => void res.type('html').send(html()));
  };

  const router = express.Router();
  router.get('/', (req, res) => {
    respond(req, res, { rules: described }, () => ruleIndexPage(described, req.baseUrl));
  });
  router.get('/:id', (req, res) => {
    const rule = described.find((r) => r.id === req.params.id?.toUpperCase());
    if (!rule) throw new CdsError('not-found', `No rule with id '${req.params.id}'`);
    respond(req, res, rule, () => rulePage(rule, req.baseUrl, shared));
  });
  return router;
}
