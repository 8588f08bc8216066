import { ReplayCache } from './replay-cache.js';

/**
 * Remembers JWT ids (`jti`) per issuer until the token expires, to refuse a replayed token. `full`: the
 * guard cannot take the id now (the caller refuses the token with a 503 rather than risk a replay).
 * Implementations: in process (one replica) below, or in the shared store (`src/learning/store-replay-guard.ts`).
 */
export interface ReplayGuard {
  claim(iss: string, jti: string, expiresAtMs: number): Promise<'fresh' | 'replayed' | 'full'>;
}

/** The in-process replay cache behind the guard interface: enough for a single replica. */
export function memoryReplayGuard(cache: ReplayCache = new ReplayCache(), clock: () => number = Date.now): ReplayGuard {
  return {
    claim: async (iss, jti, expiresAtMs) => {
      const seen = cache.remember(`${iss}\n${jti}`, expiresAtMs, clock());
      return seen === 'new' ? 'fresh' : seen;
    },
  };
}
