import { createHash } from 'node:crypto';
import type { ClinicalConfig, LearningConfig } from '../config/types.js';
import { SUPPRESSES_ALL_BUT, SUPPRESSIONS, TAKES_LOSER_INDICATOR } from '../engine/resolution.js';
import * as thresholds from '../engine/thresholds.js';
import type { AnyRule } from '../engine/rule.js';
import { describeRules } from '../http/rules-routes.js';

/**
 * The rule-set version every ledger row carries: a short hash of the rule catalogue as `GET /rules` and
 * `docs/rules.md` describe it (each rule's public description, the resolution rules, the design thresholds)
 * and of the settings that choose what runs (rule set, disabled and shadow rules). Analytics group by it, so
 * the acceptance of a rule before and after a change are never mixed. The one place that computes it.
 */
export function ruleSetVersion(rules: readonly AnyRule[], settings: Pick<ClinicalConfig, 'ruleSet' | 'disabledRules'> & Pick<LearningConfig, 'shadowRules'>): string {
  const catalogue = {
    rules: describeRules(rules).sort((a, b) => a.id.localeCompare(b.id)),
    suppressions: SUPPRESSIONS,
    suppressesAllBut: SUPPRESSES_ALL_BUT,
    takesLoserIndicator: [...TAKES_LOSER_INDICATOR].sort(),
    thresholds: Object.fromEntries(Object.entries(thresholds).sort(([a], [b]) => a.localeCompare(b))),
    ruleSet: settings.ruleSet,
    disabled: [...settings.disabledRules].sort(),
    shadow: [...settings.shadowRules].sort(),
  };
  return createHash('sha256').update(JSON.stringify(catalogue)).digest('hex').slice(0, 12);
}
