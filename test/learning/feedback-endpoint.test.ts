import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { projectFile } from '../../src/project-files.js';
import { BALLOT_OVERRIDE_SYSTEM } from '../../src/learning/override-reasons.js';
import type { LearningStore } from '../../src/store/learning-store.js';
import { engineUnderTest, type EngineUnderTest } from '../support/store-engines.js';
import { learningConfig, patientView, vignetteRequest, type CardJson } from '../support/learning-app.js';

/**
 * CDS Hooks 2.0 feedback: the spec's own examples pass; a bad body never gives a 5xx; valid items are stored
 * before the 200 even beside invalid ones; repeats are stored once; feedback for unknown cards is kept.
 */

const NOW = new Date('2026-06-01T12:00:00Z');
const FB = `/cds-services/${patientView.id}/feedback`;
const fixture = (name: string) => JSON.parse(readFileSync(projectFile(`test/fixtures/external/cds-hooks-feedback/${name}`), 'utf8'));
const diagnostics = (res: { body: { issue?: { diagnostics: string }[] } }) => (res.body.issue ?? []).map((i) => i.diagnostics).join('\n');

let engine: EngineUnderTest;
let store: LearningStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  engine = await engineUnderTest('sqlite', 'feedback');
  store = await engine.open();
  // No snooze here: an "already addressed" in one test would hide V03's plan card from the next (snooze.test.ts tests it).
  app = createApp(learningConfig({ snoozeDays: 0 }), { now: () => NOW, store });
});
afterAll(async () => {
  await store.close();
  await engine.cleanup();
});

const feedbackOf = async (cardUuid: string) => (await store.analytics({ fromMs: 0, toMs: NOW.getTime() + 1 })).feedback.filter((f) => f.cardUuid === cardUuid);
const unmatched = async () => (await store.analytics({ fromMs: 0, toMs: NOW.getTime() + 1 })).unmatchedFeedback;

async function someCards(): Promise<CardJson[]> {
  const res = await request(app).post(`/cds-services/${patientView.id}`).send(vignetteRequest('V03', NOW, { hookInstance: randomUUID() })).expect(200);
  return res.body.cards as CardJson[];
}

test.each(['feedback-accepted.json', 'feedback-overridden.json', 'feedback-overridden-with-reason.json'])('the spec example %s passes and is stored (its card is unknown here: unmatched)', async (file) => {
  const body = fixture(file);
  const before = await unmatched();
  await request(app).post(FB).send(body).expect(200);
  expect(await unmatched()).toBe(before + 1);
  // A repeat of the example is recognised: not stored twice.
  await request(app).post(FB).send(body).expect(200);
  expect(await unmatched()).toBe(before + 1);
});

test('feedback on a card answered joins its ledger entry; a repeat is stored once', async () => {
  const [card] = await someCards();
  const item = { card: card!.uuid, outcome: 'overridden', overrideReason: { reason: card!.overrideReasons![0], userComment: 'MDT 12 May' }, outcomeTimestamp: '2026-06-01T12:03:00Z' };
  await request(app).post(FB).send({ feedback: [item] }).expect(200);
  await request(app).post(FB).send({ feedback: [item] }).expect(200);
  const stored = await feedbackOf(card!.uuid);
  expect(stored).toEqual([{ cardUuid: card!.uuid, outcome: 'overridden', reason: { system: 'urn:rectal-cds:override-reason', code: card!.overrideReasons![0]!.code }, outcomeAtMs: Date.parse(item.outcomeTimestamp), receivedAtMs: NOW.getTime() }]);
});

test('accepted with the suggestion id; urn:uuid: prefixes (3.0 ballot) are read as the uuid', async () => {
  const card = (await someCards()).find((c) => c.suggestions?.length)!;
  const item = { card: `urn:uuid:${card.uuid}`, outcome: 'accepted', acceptedSuggestions: [{ id: card.suggestions![0]!.uuid }], outcomeTimestamp: '2026-06-01T12:01:00.250+02:00' };
  await request(app).post(FB).send({ feedback: [item] }).expect(200);
  expect((await feedbackOf(card.uuid)).map((f) => f.outcome)).toEqual(['accepted']);
});

test.each(['cds-not-applicable', 'recipient-disagrees-evidence', 'not-convenient-feasible'])('the CDS Hooks 3.0 ballot override code %s is accepted and kept coded', async (code) => {
  const ballot = fixture('non-adherence-reason-category.json') as { system: string; codes: string[] };
  expect(ballot.system).toBe(BALLOT_OVERRIDE_SYSTEM);
  expect(ballot.codes).toContain(code);
  const [card] = await someCards();
  await request(app).post(FB).send({ feedback: [{ card: card!.uuid, outcome: 'overridden', overrideReason: { reason: { system: ballot.system, code } }, outcomeTimestamp: '2026-06-01T12:05:00Z' }] }).expect(200);
  expect((await feedbackOf(card!.uuid))[0]?.reason).toEqual({ system: BALLOT_OVERRIDE_SYSTEM, code });
});

const valid = () => ({ card: randomUUID(), outcome: 'overridden', outcomeTimestamp: '2026-06-01T12:00:00Z' });

test.each<[string, unknown, RegExp]>([
  ['a body that is not an object', [1, 2], /must be a JSON object/],
  ['no feedback array', { foo: 1 }, /feedback: must be an array/],
  ['feedback not an array', { feedback: 'accepted' }, /feedback: must be an array/],
  ['10,000 entries', { feedback: Array.from({ length: 10_000 }, valid) }, /at most 1000 per request/],
])('%s: 400 with the reason, nothing stored', async (_name, body, reason) => {
  const before = await unmatched();
  const res = await request(app).post(FB).send(body as object).expect(400);
  expect(diagnostics(res)).toMatch(reason);
  expect(diagnostics(res)).toMatch(/nothing was stored/);
  expect(await unmatched()).toBe(before);
});

test('malformed JSON is a 400; an oversized body a 413; neither a 5xx', async () => {
  await request(app).post(FB).set('Content-Type', 'application/json').send('{"feedback": [').expect(400);
  const big = JSON.stringify({ feedback: [{ ...valid(), overrideReason: { userComment: 'x'.repeat(3 * 1024 * 1024) } }] });
  await request(app).post(FB).set('Content-Type', 'application/json').send(big).expect(413);
});

test.each<[string, Record<string, unknown>, RegExp]>([
  ['card not a string', { card: 42 }, /feedback\[1\]\.card/],
  ['unknown outcome', { outcome: 'ignored' }, /feedback\[1\]\.outcome: must be accepted or overridden/],
  ['no outcomeTimestamp', { outcomeTimestamp: undefined }, /feedback\[1\]\.outcomeTimestamp/],
  ['a timestamp without a zone', { outcomeTimestamp: '2026-06-01 12:00' }, /feedback\[1\]\.outcomeTimestamp: must be an ISO 8601/],
  ['accepted without acceptedSuggestions', { outcome: 'accepted' }, /feedback\[1\]\.acceptedSuggestions: is required for an accepted outcome/],
  ['a reason that is not a Coding', { overrideReason: { reason: 'busy' } }, /feedback\[1\]\.overrideReason\.reason/],
  ['an overrideReason with neither reason nor comment', { overrideReason: {} }, /needs a reason \(Coding\), a userComment, or both/],
  ['suggestion ids of the wrong type', { outcome: 'accepted', acceptedSuggestions: [{ id: { x: 1 } }] }, /acceptedSuggestions\.0\.id/],
])('%s beside a valid item: 400 naming the bad one, and the valid one is stored', async (_name, change, reason) => {
  const good = valid();
  const bad = { ...valid(), ...change };
  const before = await unmatched();
  const res = await request(app).post(FB).send({ feedback: [good, bad] }).expect(400);
  expect(diagnostics(res)).toMatch(reason);
  expect(diagnostics(res)).toMatch(/1 invalid item\(s\) not stored; 1 valid item\(s\) stored/);
  expect(await unmatched()).toBe(before + 1);
  // Sending the whole body again (after a 400) does not store the valid item twice.
  await request(app).post(FB).send({ feedback: [good, bad] }).expect(400);
  expect(await unmatched()).toBe(before + 1);
});

test('1,000 valid items in one body are all stored', async () => {
  const before = await unmatched();
  await request(app).post(FB).send({ feedback: Array.from({ length: 1000 }, valid) }).expect(200);
  expect(await unmatched()).toBe(before + 1000);
});

test('feedback to an unknown service is a 404', async () => {
  await request(app).post('/cds-services/nope/feedback').send({ feedback: [valid()] }).expect(404);
});

test('any JSON in the feedback array: never a 5xx, and every valid item in it is stored', async () => {
  const item = fc.oneof(
    fc.record({ card: fc.uuid(), outcome: fc.constant('overridden'), outcomeTimestamp: fc.constant('2026-06-01T12:00:00Z') }),
    fc.record({ card: fc.oneof(fc.uuid(), fc.string(), fc.integer()), outcome: fc.oneof(fc.constantFrom('accepted', 'overridden'), fc.string()), outcomeTimestamp: fc.oneof(fc.string(), fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString()))) }, { requiredKeys: [] }),
    fc.jsonValue(),
  );
  const cardsSent = new Set<string>();
  await fc.assert(
    fc.asyncProperty(fc.array(item, { maxLength: 8 }), async (items) => {
      const before = await unmatched();
      const res = await request(app).post(FB).send({ feedback: items });
      expect(res.status).toBeLessThan(500);
      // A body holding a prototype-pollution key anywhere is refused whole by the JSON guard, before any item is read.
      if (hasForbiddenKey(items)) {
        expect(res.status).toBe(400);
        expect(await unmatched()).toBe(before);
        return;
      }
      const goodOnes = items.filter((i) => typeof i === 'object' && i !== null && 'card' in i && typeof (i as { card: unknown }).card === 'string' && /^[0-9a-f-]{36}$/.test((i as { card: string }).card) && (i as { outcome?: unknown }).outcome === 'overridden' && (i as { outcomeTimestamp?: unknown }).outcomeTimestamp === '2026-06-01T12:00:00Z' && Object.keys(i).length === 3);
      // Every item known to be valid was stored (others the generator made may be valid too). Repeats are stored
      // once, and fast-check reuses uuids across runs while shrinking, so only cards no earlier run sent count.
      const fresh = new Set(goodOnes.map((g) => (g as { card: string }).card).filter((card) => !cardsSent.has(card)));
      for (const i of items) if (typeof i === 'object' && i !== null && typeof (i as { card?: unknown }).card === 'string') cardsSent.add((i as { card: string }).card);
      expect((await unmatched()) - before).toBeGreaterThanOrEqual(fresh.size);
      if (goodOnes.length > 0 && res.status === 400) expect(diagnostics(res)).toMatch(new RegExp(`${goodOnes.length}|valid item`));
    }),
    // A counterexample once found: a valid item beside an item with a forbidden key (the body is refused whole).
    { numRuns: 60, examples: [[[{ prototype: '' }, { card: '00000000-0000-1000-8000-000000000000', outcome: 'overridden', outcomeTimestamp: '2026-06-01T12:00:00Z' }]]] },
  );
});

/** Keys the JSON guard refuses anywhere in a body (`src/http/json-body.ts`), found independently of it. */
function hasForbiddenKey(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasForbiddenKey);
  if (typeof v !== 'object' || v === null) return false;
  return Object.keys(v).some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype' || hasForbiddenKey((v as Record<string, unknown>)[k]));
}
