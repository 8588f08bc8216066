import { randomUUID } from 'node:crypto';
import type { LearningStore } from '../../src/store/learning-store.js';
import { ENGINES, engineUnderTest, type EngineUnderTest } from '../support/store-engines.js';
import { ALREADY_ADDRESSED, card, feedback, STORE_T0 } from '../support/store-rows.js';

/** The store port's contract, run against the embedded database and a real PostgreSQL server alike. */

const DAY = 86_400_000;
const T0 = STORE_T0;
const ALREADY = ALREADY_ADDRESSED;

describe.each([...ENGINES, 'sqlite-typed'] as const)('learning store on %s', (engineName) => {
  let engine: EngineUnderTest;
  let store: LearningStore;

  beforeAll(async () => {
    engine = await engineUnderTest(engineName, 'contract');
    store = await engine.open();
  });
  afterAll(async () => {
    await store?.close();
    await engine?.cleanup();
  });

  test('migrations run again on an up-to-date schema without change', async () => {
    const again = await engine.open();
    expect(again.engine).toBe(engine.name);
    await again.close();
  });

  test('cards are in the ledger once recorded, with every rule they carry, lead first', async () => {
    const plan = card({ rules: [{ ruleId: 'RC-02', indicator: 'info', factsDigest: 'a' }, { ruleId: 'RC-03', indicator: 'info', factsDigest: 'b' }], client: 'https://ehr.one' });
    await store.recordCards([plan, card({ client: 'https://ehr.one' })]);
    expect((await store.knownCards([plan.cardUuid, 'nope'])).has(plan.cardUuid)).toBe(true);
    const data = await store.analytics({ fromMs: T0, toMs: T0 + 1, client: 'https://ehr.one' });
    const rows = data.showings.filter((s) => s.cardUuid === plan.cardUuid);
    expect(rows.map((r) => [r.ruleId, r.position])).toEqual([['RC-02', 0], ['RC-03', 1]]);
    expect(rows[0]).toMatchObject({ issuedAtMs: T0, shadow: false, indicator: 'info', ruleSetVersion: 'v1' });
  });

  test('recording the same card again is a no-op', async () => {
    const c = card({ client: 'dup' });
    await store.recordCards([c]);
    await store.recordCards([c]);
    const data = await store.analytics({ fromMs: T0, toMs: T0 + 1, client: 'dup' });
    expect(data.showings).toHaveLength(1);
  });

  test('concurrent writes are all committed (group commit)', async () => {
    const many = Array.from({ length: 300 }, () => card({ client: 'burst' }));
    await Promise.all(many.map((c) => store.recordCards([c])));
    const known = await store.knownCards(many.map((c) => c.cardUuid));
    expect(known.size).toBe(300);
  });

  test('feedback: stored, repeats counted as duplicates, unknown cards stored as unmatched', async () => {
    const c = card({ client: 'fb' });
    await store.recordCards([c]);
    const item = feedback(c.cardUuid, { client: 'fb', service: 'svc-fb' });
    const orphan = feedback(randomUUID(), { client: 'fb', service: 'svc-fb', receivedAtMs: T0 + 5 });
    expect(await store.recordFeedback([item, orphan])).toEqual({ stored: 2, duplicates: 0, matched: 1, unmatched: 1 });
    expect(await store.recordFeedback([item])).toEqual({ stored: 0, duplicates: 1, matched: 1, unmatched: 0 });
    const data = await store.analytics({ fromMs: T0, toMs: T0 + DAY, client: 'fb' });
    expect(data.feedback).toEqual([{ cardUuid: c.cardUuid, outcome: 'overridden', reason: ALREADY, outcomeAtMs: item.outcomeAtMs, receivedAtMs: item.receivedAtMs }]);
    expect(data.unmatchedFeedback).toBe(1);
  });

  test('snooze: info rules overridden with a snooze reason for this patient since the window start', async () => {
    const patientKey = `snooze-${engineName}`;
    const overridden = card({ patientKey, rules: [{ ruleId: 'RC-24', indicator: 'info', factsDigest: 'f1' }, { ruleId: 'RC-30', indicator: 'warning', factsDigest: 'w' }] });
    const otherReason = card({ patientKey, rules: [{ ruleId: 'RC-05', indicator: 'info', factsDigest: 'f5' }] });
    const shadow = card({ patientKey, shadow: true, rules: [{ ruleId: 'RC-E11', indicator: 'info', factsDigest: 's' }] });
    const otherPatient = card({ patientKey: 'someone-else', rules: [{ ruleId: 'RC-24', indicator: 'info', factsDigest: 'x' }] });
    await store.recordCards([overridden, otherReason, shadow, otherPatient]);
    await store.recordFeedback([
      feedback(overridden.cardUuid),
      feedback(otherReason.cardUuid, { reason: { system: 'urn:rectal-cds:override-reason', code: 'patient-preference' } }),
      feedback(shadow.cardUuid),
      feedback(otherPatient.cardUuid),
    ]);
    const q = { patientKey, sinceMs: T0, reasons: [ALREADY] };
    expect(await store.snoozedRules(q)).toEqual([{ ruleId: 'RC-24', factsDigest: 'f1' }]);
    expect(await store.snoozedRules({ ...q, sinceMs: T0 + DAY })).toEqual([]);
    expect(await store.snoozedRules({ ...q, reasons: [] })).toEqual([]);
    // Two snooze reasons configured: an override with either one snoozes, each pair matched whole.
    const both = await store.snoozedRules({ ...q, reasons: [ALREADY, { system: 'urn:rectal-cds:override-reason', code: 'patient-preference' }] });
    expect(both.sort((a, b) => a.ruleId.localeCompare(b.ruleId))).toEqual([{ ruleId: 'RC-05', factsDigest: 'f5' }, { ruleId: 'RC-24', factsDigest: 'f1' }]);
    expect(await store.snoozedRules({ ...q, reasons: [{ system: 'urn:other', code: 'already-addressed' }] })).toEqual([]);
  });

  test('snooze lookups made at the same time (answered by one query) each get their own patient only', async () => {
    const keys = Array.from({ length: 6 }, (_, i) => `batch-${engineName}-${i}`);
    const cards = keys.map((patientKey, i) => card({ patientKey, rules: [{ ruleId: 'RC-24', indicator: 'info', factsDigest: `b${i}` }] }));
    await store.recordCards(cards);
    await store.recordFeedback(cards.slice(0, 4).map((c) => feedback(c.cardUuid)));
    const answers = await Promise.all(keys.map((patientKey) => store.snoozedRules({ patientKey, sinceMs: T0, reasons: [ALREADY] })));
    expect(answers).toEqual(keys.map((_, i) => (i < 4 ? [{ ruleId: 'RC-24', factsDigest: `b${i}` }] : [])));
  });

  test('jti claims: fresh once, replayed while unexpired, fresh again after expiry', async () => {
    const jti = randomUUID();
    expect(await store.claimJti('https://ehr', jti, T0 + 300_000, T0)).toBe('fresh');
    expect(await store.claimJti('https://ehr', jti, T0 + 300_000, T0 + 1000)).toBe('replayed');
    expect(await store.claimJti('https://other-ehr', jti, T0 + 300_000, T0 + 1000)).toBe('fresh');
    expect(await store.claimJti('https://ehr', jti, T0 + 900_000, T0 + 300_001)).toBe('fresh');
  });

  test('jti claims racing for the same id: exactly one is fresh', async () => {
    const jti = randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.claimJti('https://race', jti, T0 + 300_000, T0)));
    expect(results.filter((r) => r === 'fresh')).toHaveLength(1);
  });

  test('purge removes cards, their rules and feedback past retention, and expired jti claims', async () => {
    const old = card({ issuedAtMs: T0 - 500 * DAY, client: 'purge' });
    const recent = card({ issuedAtMs: T0, client: 'purge' });
    await store.recordCards([old, recent]);
    await store.recordFeedback([feedback(old.cardUuid, { receivedAtMs: T0 - 499 * DAY })]);
    await store.claimJti('https://purge', 'j', T0 - 1, T0 - 300_000);
    const counts = await store.purge(T0 - 400 * DAY, T0);
    expect(counts.cards).toBeGreaterThanOrEqual(1);
    expect(counts.feedback).toBeGreaterThanOrEqual(1);
    expect(counts.jtis).toBeGreaterThanOrEqual(1);
    const known = await store.knownCards([old.cardUuid, recent.cardUuid]);
    expect([...known]).toEqual([recent.cardUuid]);
    const data = await store.analytics({ fromMs: T0 - 600 * DAY, toMs: T0 + 1, client: 'purge' });
    expect(data.showings.map((s) => s.cardUuid)).toEqual([recent.cardUuid]);
  });
});
