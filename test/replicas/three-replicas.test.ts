import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import type { AnalyticsReport } from '../../src/analytics/rule-analytics.js';
import { clientKey, signToken, type ClientKey } from '../security/jwt-helpers.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { patientView, vignetteRequest, type CardJson } from '../support/learning-app.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';

/**
 * Three service processes on loopback sharing one PostgreSQL database, as replicas behind a load balancer
 * (one public URL, so a client JWT's `aud` is the same on each): a token used on one is refused on the
 * others; feedback posted to one for a card another answered joins that card's ledger entry; analytics agree.
 */
jest.setTimeout(120_000);

const PUBLIC = 'https://cds.test';
const ISS = 'https://ehr.replica.test';
const ANALYTICS_TOKEN = 'replica-analytics-token-0123456789';
const HOOK = `/cds-services/${patientView.id}`;
let key: ClientKey;
let db: { url: string; drop(): Promise<void> };
let replicas: ServiceProcess[] = [];

beforeAll(async () => {
  key = await clientKey('ES384', 'replica-key');
  db = await freshPostgresDatabase('replicas');
  const env = {
    CDS_MODE: 'production',
    PUBLIC_BASE_URL: PUBLIC,
    CDS_TRUSTED_ISSUERS: JSON.stringify([{ iss: ISS, jwks: { keys: [key.publicJwk] } }]),
    DATABASE_URL: db.url,
    PSEUDONYM_KEY: 'replica-pseudonym-key-0123456789-abcdefgh',
    ANALYTICS_TOKEN,
  };
  // Started together: the schema migration runs once under the migrator's lock.
  replicas = await Promise.all([startServiceProcess(env), startServiceProcess(env), startServiceProcess(env)]);
}, 120_000);
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await db?.drop();
});

const token = (path: string, jti?: string) => signToken(key, { iss: ISS, aud: `${PUBLIC}${path}`, ...(jti ? { jti } : {}) });

async function post(replica: ServiceProcess, path: string, body: unknown, jwt: string): Promise<Response> {
  return fetch(`${replica.baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${jwt}` }, body: JSON.stringify(body) });
}

async function analytics(replica: ServiceProcess): Promise<AnalyticsReport> {
  const res = await fetch(`${replica.baseUrl}/analytics/rules?days=30`, { headers: { Authorization: `Bearer ${ANALYTICS_TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as AnalyticsReport;
}

test('a token used on replica A is refused (401) on replicas B and C, and on A again', async () => {
  const [a, b, c] = replicas as [ServiceProcess, ServiceProcess, ServiceProcess];
  const jwt = await token(HOOK, randomUUID());
  const body = vignetteRequest('V01', new Date());
  expect((await post(a, HOOK, body, jwt)).status).toBe(200);
  for (const other of [b, c, a]) {
    const res = await post(other, HOOK, body, jwt);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/already used/);
  }
});

test('the same token sent to all three at once: exactly one is served', async () => {
  const jwt = await token(HOOK, randomUUID());
  const body = vignetteRequest('V03', new Date());
  const statuses = (await Promise.all(replicas.map((r) => post(r, HOOK, body, jwt)))).map((r) => r.status).sort();
  expect(statuses).toEqual([200, 401, 401]);
});

test('feedback posted to replica B for a card replica A answered joins its ledger entry; analytics agree on every replica', async () => {
  const [a, b, c] = replicas as [ServiceProcess, ServiceProcess, ServiceProcess];
  // One record, sent twice (the fixture dates its data from the moment it is built).
  const v13 = vignetteRequest('V13', new Date());
  const res = await post(a, HOOK, { ...v13, hookInstance: randomUUID() }, await token(HOOK));
  expect(res.status).toBe(200);
  const cards = ((await res.json()) as { cards: CardJson[] }).cards;
  const card = cards.find((x) => x.source.topic.code === 'RC-08')!;
  const before = (await analytics(c)).rules.find((r) => r.ruleId === 'RC-08')!;

  const fbPath = `${HOOK}/feedback`;
  const item = { card: card.uuid, outcome: 'overridden', overrideReason: { reason: card.overrideReasons![0] }, outcomeTimestamp: new Date().toISOString() };
  expect((await post(b, fbPath, { feedback: [item] }, await token(fbPath))).status).toBe(200);

  const reports = await Promise.all(replicas.map(analytics));
  const after = reports[2]!.rules.find((r) => r.ruleId === 'RC-08')!;
  expect(after.overridden).toBe(before.overridden + 1);
  expect(after.overriddenByReason.find((x) => x.code === 'already-addressed')?.count).toBeGreaterThanOrEqual(1);
  expect(reports[2]!.totals.unmatchedFeedback).toBe(0);
  const strip = (r: AnalyticsReport) => ({ ...r, window: undefined });
  expect(strip(reports[0]!)).toEqual(strip(reports[1]!));
  expect(strip(reports[1]!)).toEqual(strip(reports[2]!));

  // And the snooze that override asked for holds on replica C too.
  const again = await post(c, HOOK, { ...v13, hookInstance: randomUUID() }, await token(HOOK));
  expect(((await again.json()) as { cards: CardJson[] }).cards.map((x) => x.source.topic.code)).not.toContain('RC-08');
});
