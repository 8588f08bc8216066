import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { FhirResource } from 'fhir/r4.js';
import { createApp } from '../../src/app.js';
import type { Config } from '../../src/config/types.js';
import { DAY_MS } from '../../src/domain/time.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';
import type { LearningStore } from '../../src/store/learning-store.js';
import { cardFor, patientViewRequest, prefetchFor, rulesOf } from '../support/prefetch.js';
import { engineUnderTest, type EngineUnderTest } from '../support/store-engines.js';
import { learningConfig, patientView, type CardJson } from '../support/learning-app.js';

/**
 * Snooze from feedback, across two replicas sharing one PostgreSQL database: advice overridden as "already
 * addressed" on one replica is not shown again for that patient on either, until its data change or the
 * snooze ends; alerts are never snoozed.
 */

const T0 = new Date('2026-06-01T12:00:00Z');
let engine: EngineUnderTest;
const stores: LearningStore[] = [];
let clock = T0;

beforeAll(async () => {
  engine = await engineUnderTest('postgres', 'snooze');
  stores.push(await engine.open(), await engine.open());
});
afterAll(async () => {
  for (const s of stores) await s.close();
  await engine.cleanup();
});

/** Two replicas: two apps, each with its own connection pool to the same database. */
const replicas = (over: Partial<Config> = {}) => stores.map((store) => createApp(learningConfig(over), { now: () => clock, store }));

function record(id: string, change?: (r: FhirResource[]) => FhirResource[]): { patientId: string; resources: FhirResource[] } {
  const s = scenarioById(id)!;
  const resources = s.record(T0);
  return { patientId: s.patientId, resources: change ? change(resources) : resources };
}

async function cards(app: ReturnType<typeof createApp>, r: { patientId: string; resources: FhirResource[] }): Promise<CardJson[]> {
  const body = patientViewRequest(r.patientId, { hookInstance: randomUUID(), prefetch: prefetchFor(patientView, r.resources) });
  return (await request(app).post(`/cds-services/${patientView.id}`).send(body).expect(200)).body.cards as CardJson[];
}

async function override(app: ReturnType<typeof createApp>, card: CardJson, code: string): Promise<void> {
  const reason = { system: 'urn:rectal-cds:override-reason', code };
  await request(app).post(`/cds-services/${patientView.id}/feedback`).send({ feedback: [{ card: card.uuid, outcome: 'overridden', overrideReason: { reason }, outcomeTimestamp: clock.toISOString() }] }).expect(200);
}

/** The card that carries a rule (its lead, or a section of the plan card). */
const find = (cs: CardJson[], rule: string) => cardFor(cs, rule);
const carried = (cs: CardJson[]) => cs.flatMap(rulesOf);

test('the plan card overridden as "already addressed" on replica A: its advice is hidden on A and B, for that patient only', async () => {
  clock = T0;
  const [a, b] = replicas();
  const v01 = record('V01');
  const first = await cards(a!, v01);
  const plan = find(first, 'RC-03');
  expect(plan?.indicator).toBe('info');
  expect(plan?.overrideReasons?.map((r) => r.code)).toEqual(['already-addressed']);
  const snoozed = rulesOf(plan!);
  expect(snoozed.length).toBeGreaterThan(1);
  await override(a!, plan!, 'already-addressed');

  // Two days on: the same data (only the elapsed time grew), so every rule of that card stays hidden.
  clock = new Date(T0.getTime() + 2 * DAY_MS);
  for (const app of [a!, b!]) {
    const again = carried(await cards(app, v01));
    for (const rule of snoozed) expect(again).not.toContain(rule);
    expect(again).toEqual(carried(first).filter((r) => !snoozed.includes(r)));
  }
  // Another patient with the same rule still sees it.
  expect(carried(await cards(b!, record('V03')))).toContain('RC-03');
});

test('new data that fired the advice bring it back (the facts digest changed)', async () => {
  clock = new Date(T0.getTime() + 3 * DAY_MS);
  const [a, b] = replicas();
  // A repeated KRAS test on a later date: RC-03 now rests on a different result.
  const retested = record('V01', (rs) =>
    rs.map((r) => (r.resourceType === 'Observation' && r.id === 'v01-kras-g12d-liver-kras-variant-1' ? { ...r, id: 'v01-kras-retest', effectiveDateTime: '2026-05-30' } : r)),
  );
  expect(find(await cards(b!, retested), 'RC-03')).toBeDefined();
  // Unchanged data: still snoozed.
  expect(find(await cards(a!, record('V01')), 'RC-03')).toBeUndefined();
});

test('the snooze ends after SNOOZE_DAYS; SNOOZE_DAYS=0 turns it off', async () => {
  clock = new Date(T0.getTime() + 2 * DAY_MS);
  const [off] = replicas({ snoozeDays: 0 });
  expect(find(await cards(off!, record('V01')), 'RC-03')).toBeDefined();
  clock = new Date(T0.getTime() + 31 * DAY_MS);
  const [a] = replicas();
  expect(find(await cards(a!, record('V01')), 'RC-03')).toBeDefined();
});

test('another reason does not snooze; an alert (warning) is never snoozed, whatever the reason', async () => {
  clock = T0;
  const [a, b] = replicas();
  const v13 = record('V13');
  const rc08 = find(await cards(a!, v13), 'RC-08')!;
  await override(a!, rc08, 'patient-preference');
  expect(find(await cards(b!, v13), 'RC-08')).toBeDefined();

  const v31 = record('V31');
  const alert = find(await cards(a!, v31), 'RC-19')!;
  expect(alert.indicator).toBe('warning');
  // Even configured as a snooze reason, an override of an alert never hides it.
  const [c] = replicas({ snoozeReasons: [{ system: 'urn:rectal-cds:override-reason', code: 'already-addressed' }, { system: 'urn:rectal-cds:override-reason', code: 'mdt-decision' }] });
  await override(c!, alert, 'mdt-decision');
  await override(c!, alert, 'already-addressed');
  clock = new Date(T0.getTime() + DAY_MS);
  expect(find(await cards(b!, v31), 'RC-19')?.indicator).toBe('warning');
  expect(find(await cards(c!, v31), 'RC-19')?.indicator).toBe('warning');
});
