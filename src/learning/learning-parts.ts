import type { Logger } from 'pino';
import type { Config } from '../config/types.js';
import type { AnyRule } from '../engine/rule.js';
import type { BeforeCardsStep } from '../hooks/hook-deps.js';
import type { ReplayStore } from '../http/auth/replay-cache.js';
import type { LearningStore } from '../store/learning-store.js';
import { LearningEdge } from './learning-edge.js';
import { pseudonymKey, pseudonyms } from './pseudonyms.js';
import { ruleSetVersion } from './rule-set-version.js';
import { snoozeStep } from './snooze.js';
import { storeReplayGuard } from './store-replay-guard.js';

export interface LearningParts {
  edge: LearningEdge;
  /** The snooze step of the hook pipeline (absent with `SNOOZE_DAYS=0` or without a store). */
  beforeCards: BeforeCardsStep | undefined;
  /** JWT replay protection shared by every replica (absent without a store: the in-process cache is used). */
  replay: ReplayStore | undefined;
  ruleSetVersion: string;
}

/** The learning loop's parts for one app: ledger and feedback edge, snooze step, shared replay guard. */
export function learningParts(config: Config, store: LearningStore | undefined, rules: readonly AnyRule[], now: () => Date, logger: Logger): LearningParts {
  const version = ruleSetVersion(rules, config);
  const active = config.ledger ? store : undefined;
  if (!active) return { edge: new LearningEdge(undefined, undefined, version, now, logger), beforeCards: undefined, replay: undefined, ruleSetVersion: version };
  const names = pseudonyms(pseudonymKey(config));
  return {
    edge: new LearningEdge(active, names, version, now, logger),
    beforeCards: snoozeStep(active, names, config, logger),
    replay: storeReplayGuard(active, logger),
    ruleSetVersion: version,
  };
}
