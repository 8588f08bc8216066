import { readFileSync, readdirSync } from 'node:fs';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { RULES_EXTENSION } from '../../src/hooks/cards.js';
import { ruleSetVersion } from '../../src/learning/rule-set-version.js';
import { allRules } from '../../src/engine/rules/index.js';
import type { LearningStore } from '../../src/store/learning-store.js';
import { engineUnderTest, type EngineUnderTest } from '../support/store-engines.js';
import { learningConfig, patientView, vignetteRequest, type CardJson } from '../support/learning-app.js';
import { rulesOf } from '../support/prefetch.js';

/** The card ledger at the HTTP edge: every card answered is recorded first; what is recorded and what is not. */

const NOW = new Date('2026-06-01T12:00:00Z');
const URL_ = `/cds-services/${patientView.id}`;
let engine: EngineUnderTest;
let store: LearningStore;

beforeAll(async () => {
  engine = await engineUnderTest('sqlite', 'ledger');
  store = await engine.open();
});
afterAll(async () => {
  await store.close();
  await engine.cleanup();
});

test('every card answered is in the ledger with the rules it carries, their digests, the suggestions and the rule-set version', async () => {
  const config = learningConfig();
  const app = createApp(config, { now: () => NOW, store });
  // V10: an alert (RC-07, with RC-16 folded in) and the plan card: every card, and every rule each carries.
  const res = await request(app).post(URL_).send(vignetteRequest('V10', NOW)).expect(200);
  const cards = res.body.cards as CardJson[];
  expect(cards.length).toBe(2);
  expect(cards.every((c) => (c.extension[RULES_EXTENSION] as string[]).length > 1)).toBe(true);
  const known = await store.knownCards(cards.map((c) => c.uuid));
  expect(known.size).toBe(cards.length);

  const data = await store.analytics({ fromMs: NOW.getTime(), toMs: NOW.getTime() + 1 });
  for (const card of cards) {
    const rows = data.showings.filter((s) => s.cardUuid === card.uuid);
    expect(rows.map((r) => r.ruleId)).toEqual(card.extension[RULES_EXTENSION]);
    expect(rows[0]).toMatchObject({ indicator: card.indicator, hook: 'patient-view', service: patientView.id, client: 'open', shadow: false });
    expect(rows[0]?.ruleSetVersion).toBe(ruleSetVersion(allRules, config));
  }
  // The same patient links across calls, but the pseudonym is not the id.
  const keys = new Set(data.showings.map((s) => s.patientKey));
  expect(keys.size).toBe(1);
  expect([...keys][0]).not.toContain('v10');
});

test('the store holds no card text, no FHIR data, no patient or user id', async () => {
  const files = readdirSync(engine.env['DATA_DIR']!).map((f) => `${engine.env['DATA_DIR']}/${f}`);
  const bytes = files.map((f) => readFileSync(f).toString('latin1')).join('\n');
  const res = await request(createApp(learningConfig(), { now: () => NOW, store })).post(URL_).send(vignetteRequest('V01', NOW)).expect(200);
  const after = readdirSync(engine.env['DATA_DIR']!).map((f) => readFileSync(`${engine.env['DATA_DIR']}/${f}`).toString('latin1')).join('\n');
  expect(after.length).toBeGreaterThan(bytes.length);
  for (const card of res.body.cards as CardJson[]) {
    expect(after).toContain(card.uuid); // the ledger is in these files ...
    expect(after).not.toContain(card.summary.slice(0, 40)); // ... without the card text
  }
  for (const secret of ['v01-kras-g12d-liver', 'Practitioner/example', 'p.Gly12Asp', 'Observation/v01']) expect(after).not.toContain(secret);
});

test('a rule-set change is a new version; the same rules give the same version', () => {
  const base = learningConfig();
  expect(ruleSetVersion(allRules, base)).toBe(ruleSetVersion([...allRules].reverse(), base));
  expect(ruleSetVersion(allRules, { ...base, disabledRules: ['RC-24'] })).not.toBe(ruleSetVersion(allRules, base));
  expect(ruleSetVersion(allRules, { ...base, ruleSet: 'seed-only' })).not.toBe(ruleSetVersion(allRules, base));
  expect(ruleSetVersion(allRules.slice(1), base)).not.toBe(ruleSetVersion(allRules, base));
});

test('shadow rules: recorded as the cards they would have been, never shown, and they change nothing shown', async () => {
  const plain = await request(createApp(learningConfig(), { now: () => NOW })).post(URL_).send(vignetteRequest('V01', NOW)).expect(200);
  const shown = (plain.body.cards as CardJson[]).flatMap(rulesOf);
  expect(shown).toEqual(expect.arrayContaining(['RC-05', 'RC-24']));
  // RC-05 fires for V01: as a shadow rule it must leave the answer without it and everything else as it was.
  const app = createApp(learningConfig({ shadowRules: ['RC-05'] }), { now: () => NOW, store });
  const res = await request(app).post(URL_).send(vignetteRequest('V01', NOW, { hookInstance: 'shadow-call' })).expect(200);
  expect((res.body.cards as CardJson[]).flatMap(rulesOf)).toEqual(shown.filter((r) => r !== 'RC-05'));
  const data = await store.analytics({ fromMs: NOW.getTime(), toMs: NOW.getTime() + 1 });
  const shadow = data.showings.filter((s) => s.shadow);
  expect(shadow.map((s) => s.ruleId)).toContain('RC-05');
  const answered = new Set((res.body.cards as CardJson[]).map((c) => c.uuid));
  expect(shadow.every((s) => !answered.has(s.cardUuid))).toBe(true);
});

test('a shadow rule never suppresses a live one: RC-15 in the shadow leaves RC-05 (which it replaces when live) on show', async () => {
  const scenario = 'V24';
  const live = await request(createApp(learningConfig(), { now: () => NOW })).post(URL_).send(vignetteRequest(scenario, NOW)).expect(200);
  expect((live.body.cards as CardJson[]).flatMap(rulesOf)).toContain('RC-15');
  expect((live.body.cards as CardJson[]).flatMap(rulesOf)).not.toContain('RC-05');
  const app = createApp(learningConfig({ shadowRules: ['RC-15'] }), { now: () => NOW, store });
  const res = await request(app).post(URL_).send(vignetteRequest(scenario, NOW, { hookInstance: 'shadow-rc15' })).expect(200);
  const shown = (res.body.cards as CardJson[]).flatMap(rulesOf);
  expect(shown).toContain('RC-05');
  expect(shown).not.toContain('RC-15');
  const data = await store.analytics({ fromMs: NOW.getTime(), toMs: NOW.getTime() + 1 });
  expect(data.showings.some((r) => r.shadow && r.ruleId === 'RC-15')).toBe(true);
  // Across vignettes, the live answer with shadow rules is exactly the answer with those rules switched off.
  const shadowed = createApp(learningConfig({ shadowRules: ['RC-15', 'RC-24'] }), { now: () => NOW, store });
  const disabled = createApp(learningConfig({ disabledRules: ['RC-15', 'RC-24'] }), { now: () => NOW });
  for (const id of ['V01', 'V03', 'V13', 'V31', scenario]) {
    const a = await request(shadowed).post(URL_).send(vignetteRequest(id, NOW)).expect(200);
    const b = await request(disabled).post(URL_).send(vignetteRequest(id, NOW)).expect(200);
    expect((a.body.cards as CardJson[]).flatMap(rulesOf)).toEqual((b.body.cards as CardJson[]).flatMap(rulesOf));
  }
});

test('the ledger cannot be written: the answer is a 503, never cards missing from the ledger', async () => {
  const broken = await engineUnderTest('sqlite', 'broken');
  const closed = await broken.open();
  await closed.close();
  const res = await request(createApp(learningConfig(), { now: () => NOW, store: closed })).post(URL_).send(vignetteRequest('V01', NOW));
  expect(res.status).toBe(503);
  expect(JSON.stringify(res.body)).toMatch(/card ledger cannot be written/);
  await broken.cleanup();
});

test('LEDGER=off: the store is not used at all', async () => {
  const cards = (await request(createApp(learningConfig({ ledger: false }), { now: () => NOW, store })).post(URL_).send(vignetteRequest('V13', NOW)).expect(200)).body.cards as CardJson[];
  expect((await store.knownCards(cards.map((c) => c.uuid))).size).toBe(0);
});
