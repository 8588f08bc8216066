import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { allRules } from '../../src/engine/rules/index.js';
import type { Recommendation } from '../../src/engine/types.js';
import type { HookDeps } from '../../src/hooks/hook-deps.js';
import { runHook } from '../../src/hooks/run-hook.js';
import { learningConfig, patientView, vignetteRequest } from '../support/learning-app.js';

/**
 * While a call waits for its snooze lookup (a database round trip under load), the request it was sent and the
 * record read from it must already be garbage: a prefetch can be megabytes, and a record kept alive across the
 * wait is copied by every scavenge and promoted to the old generation (the ledger's cost in GC time).
 */

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const NOW = new Date('2026-06-01T12:00:00Z');

test('the request and its record are collectable while the snooze lookup is awaited', async () => {
  let release!: () => void;
  let awaited = false;
  const deps: HookDeps = {
    config: learningConfig(),
    rules: allRules,
    readerFor: () => {
      throw new Error('prefetch only: no FHIR reads expected');
    },
    now: () => NOW,
    newId: () => crypto.randomUUID(),
    beforeCards: () => {
      const lookup = new Watched<(recs: Recommendation[]) => Recommendation[]>((resolve) => (release = () => resolve((recs) => recs)));
      lookup.onAwait = () => (awaited = true);
      return lookup;
    },
  };
  const { prefetch, answer } = startCall(deps);
  // Let the call run up to its await on the lookup (the rules have run by then), then collect.
  for (let i = 0; i < 50 && !awaited; i++) await new Promise((r) => setImmediate(r));
  expect(awaited).toBe(true);
  gc();
  await new Promise((r) => setImmediate(r));
  gc();
  expect(prefetch.deref()).toBeUndefined();
  release();
  const result = await answer;
  expect(result.response.cards.length).toBeGreaterThan(0);
});

/** A call started with a body nothing else holds (as the route takes it off the request): only a weak reference stays. */
function startCall(deps: HookDeps): { prefetch: WeakRef<object>; answer: ReturnType<typeof runHook> } {
  const body = vignetteRequest('V01', NOW) as unknown as { prefetch: Record<string, unknown> };
  return { prefetch: new WeakRef(body.prefetch), answer: runHook('patient-view', body, patientView, deps) };
}

/** A promise that says when someone awaits it (`await` calls `then` with a fulfilment handler; `catch` does not). */
class Watched<T> extends Promise<T> {
  onAwait: (() => void) | undefined;
  override then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    if (typeof onFulfilled === 'function') this.onAwait?.();
    return super.then(onFulfilled, onRejected);
  }
}
