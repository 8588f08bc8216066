import type { Logger } from 'pino';
import type { LearningConfig } from '../config/types.js';
import { DAY_MS } from '../domain/time.js';
import type { Recommendation } from '../engine/types.js';
import type { BeforeCardsStep } from '../hooks/hook-deps.js';
import { factsDigest } from '../hooks/issued-cards.js';
import type { LearningStore } from '../store/learning-store.js';
import type { Pseudonyms } from './pseudonyms.js';

const key = (ruleId: string, digest: string) => `${ruleId}\u0000${digest}`;

/**
 * Snooze from feedback: an info recommendation (a plan-card section) that a clinician overrode for this
 * patient with a snooze reason (`SNOOZE_REASONS`, default "already addressed") within `SNOOZE_DAYS` is not
 * shown again, unless the data that fired it changed (its facts digest differs). Alerts (warning,
 * critical) are never snoozed. Runs between evaluation and card building. Reads the shared store, so every
 * replica snoozes alike. If the store cannot be read, nothing is hidden: showing a card is the safe side.
 */
export function snoozeStep(store: LearningStore, names: Pseudonyms, settings: Pick<LearningConfig, 'snoozeDays' | 'snoozeReasons'>, logger: Logger): BeforeCardsStep | undefined {
  if (settings.snoozeDays <= 0 || settings.snoozeReasons.length === 0) return undefined;
  return async ({ patientId, client, now }) => {
    let hidden: Set<string>;
    try {
      const snoozed = await store.snoozedRules({
        patientKey: names.patient(client, patientId),
        sinceMs: now.getTime() - settings.snoozeDays * DAY_MS,
        reasons: settings.snoozeReasons,
      });
      hidden = new Set(snoozed.map((s) => key(s.ruleId, s.factsDigest)));
    } catch (err) {
      logger.warn({ err }, 'snooze: the store could not be read; nothing is snoozed for this call');
      return (recs) => recs;
    }
    if (hidden.size === 0) return (recs) => recs;
    return (recs: Recommendation[]) => recs.filter((r) => r.indicator !== 'info' || !hidden.has(key(r.ruleId, factsDigest(r))));
  };
}
