import type { Logger } from 'pino';
import type { LearningConfig } from '../config/types.js';
import { DAY_MS } from '../domain/time.js';
import type { LearningStore } from '../store/learning-store.js';

/** Expired JWT ids pile up at the call rate, so the purge runs often; each run is a few indexed deletes. */
export const PURGE_EVERY_MS = 10 * 60_000;

/**
 * Retention: cards and feedback older than `RETENTION_DAYS` and expired JWT ids are deleted at start-up and
 * every ten minutes. Safe on several replicas at once (deletes of the same rows). Returns a stop function.
 */
export function scheduleRetention(store: LearningStore, settings: Pick<LearningConfig, 'retentionDays'>, logger: Logger, clock: () => number = Date.now): () => void {
  const run = async () => {
    const now = clock();
    try {
      const purged = await store.purge(now - settings.retentionDays * DAY_MS, now);
      if (purged.cards > 0 || purged.feedback > 0) logger.info({ purged, retentionDays: settings.retentionDays }, 'retention: old cards and feedback deleted');
    } catch (err) {
      logger.warn({ err }, 'retention: purge failed; it runs again later');
    }
  };
  void run();
  const timer = setInterval(() => void run(), PURGE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
