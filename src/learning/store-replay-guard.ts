import type { Logger } from 'pino';
import type { ReplayStore } from '../http/auth/replay-cache.js';
import type { LearningStore } from '../store/learning-store.js';

/**
 * JWT replay protection in the shared store: each (`iss`, `jti`) is a unique row until the token expires, so a
 * token used on one replica is refused on every other. The claim is one atomic statement. When the store cannot
 * be reached the answer is `full`: the token is refused with a 503 (retry), never let through unchecked.
 */
export function storeReplayGuard(store: LearningStore, logger: Logger, clock: () => number = Date.now): ReplayStore {
  return {
    claim: async (iss, jti, expiresAtMs) => {
      try {
        return await store.claimJti(iss.slice(0, 512), jti.slice(0, 512), expiresAtMs, clock());
      } catch (err) {
        logger.error({ err }, 'replay guard: the store could not be reached; the token is refused for now');
        return 'full';
      }
    },
  };
}
