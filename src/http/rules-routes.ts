import express from 'express';
import { CdsError } from '../errors.js';
import type { Rule } from '../engine/types.js';
import { SEEDS } from '../engine/sources.js';

/** A rule as the public sees it (card `source.url` points here). */
export function describeRule(rule: Rule) {
  return {
    id: rule.id,
    title: rule.title,
    origin: rule.origin,
    hooks: rule.hooks,
    trigger: rule.trigger,
    recommendation: rule.recommendation,
    indicator: rule.defaultIndicator,
    evidence: {
      ...rule.evidence,
      seeds: rule.evidence.seeds.map((s) => ({ id: s, title: SEEDS[s] })),
    },
  };
}

export function rulesRouter(rules: readonly Rule[]): express.Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.json({ rules: rules.map(describeRule) });
  });
  router.get('/:id', (req, res) => {
    const rule = rules.find((r) => r.id === req.params.id?.toUpperCase());
    if (!rule) throw new CdsError('not-found', `No rule with id '${req.params.id}'`);
    res.json(describeRule(rule));
  });
  return router;
}
