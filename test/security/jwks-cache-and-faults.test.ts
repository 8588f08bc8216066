import nock from 'nock';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { KeySets } from '../../src/http/auth/key-sets.js';
import { ReplayCache } from '../../src/http/auth/replay-cache.js';
import { memoryReplayGuard } from '../../src/http/auth/replay-guard.js';
import { ClientJwtVerifier } from '../../src/http/auth/verify-client-jwt.js';
import { patientViewRequest, prefetchFor, service } from '../support/prefetch.js';
import { clientKey, signToken, startJwksServer, type ClientKey, type JwksServer } from './jwt-helpers.js';

const ISS = 'https://ehr.test/';
const AUD = 'https://cds.test/cds-services/rectal-cancer-stage-iv';

describe('JWKS cache: refresh on an unknown kid, not on every call', () => {
  let jwks: JwksServer;
  let k1: ClientKey;
  let k2: ClientKey;
  const verifierWith = (cooldownMs: number) => {
    const auth = loadConfig({ CDS_TRUSTED_ISSUERS: JSON.stringify([{ iss: ISS, jwksUrl: `${jwks.base}/jwks.json` }]) }).auth;
    return new ClientJwtVerifier(auth, new KeySets({ cooldownMs, maxAgeMs: 600_000, timeoutMs: 2000 }), memoryReplayGuard(new ReplayCache()));
  };

  beforeEach(async () => {
    jwks = await startJwksServer();
    [k1, k2] = await Promise.all([clientKey('ES384', 'k1'), clientKey('RS384', 'k2')]);
    jwks.sets.set('/jwks.json', { keys: [k1.publicJwk] });
  });
  afterEach(() => jwks.close());

  test('keys are fetched once and reused; a rotated-in kid triggers one refetch and verifies', async () => {
    const verifier = verifierWith(0);
    await verifier.verify(await signToken(k1, { iss: ISS, aud: AUD }), AUD);
    await verifier.verify(await signToken(k1, { iss: ISS, aud: AUD }), AUD);
    expect(jwks.fetches.get('/jwks.json')).toBe(1);

    jwks.sets.set('/jwks.json', { keys: [k1.publicJwk, k2.publicJwk] }); // the EHR rotates in a new key
    await expect(verifier.verify(await signToken(k2, { iss: ISS, aud: AUD }), AUD)).resolves.toMatchObject({ iss: ISS, kid: 'k2' });
    expect(jwks.fetches.get('/jwks.json')).toBe(2);
  });

  test('within the cooldown an unknown kid does not refetch (no fetch per forged kid)', async () => {
    const verifier = verifierWith(60_000);
    await verifier.verify(await signToken(k1, { iss: ISS, aud: AUD }), AUD);
    for (let i = 0; i < 5; i++) {
      await expect(verifier.verify(await signToken(k1, { iss: ISS, aud: AUD, header: { kid: `forged-${i}` } }), AUD)).rejects.toMatchObject({ code: 'unknown-kid' });
    }
    expect(jwks.fetches.get('/jwks.json')).toBe(1);
  });
});

describe('JWKS fetch faults: 401 saying the keys could not be had, never a 500', () => {
  const KEYS = 'https://keys.ehr.test';
  let key: ClientKey;
  let app: ReturnType<typeof createApp>;
  const body = patientViewRequest('p1', { prefetch: prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]) });

  beforeAll(async () => {
    key = await clientKey('ES384', 'k1');
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)/);
  });
  // A fresh app per case: each starts with an empty key cache.
  beforeEach(() => {
    app = createApp(
      loadConfig({ LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'https://cds.test', CDS_TRUSTED_ISSUERS: JSON.stringify([{ iss: ISS, jwksUrl: `${KEYS}/jwks.json` }]) }),
    );
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  test.each<[string, (i: nock.Interceptor) => nock.Scope]>([
    ['HTTP 500', (i) => i.reply(500, 'down')],
    ['not JSON', (i) => i.reply(200, '<html>', { 'content-type': 'text/html' })],
    ['JSON that is not a JWK Set', (i) => i.reply(200, { hello: 'world' })],
    ['a connection reset', (i) => i.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })],
    ['a body over 256 kB', (i) => i.reply(200, { keys: [], padding: 'x'.repeat(300 * 1024) })],
  ])('%s', async (_name, reply) => {
    reply(nock(KEYS).get('/jwks.json'));
    const res = await request(app).post('/cds-services/rectal-cancer-stage-iv').set('Authorization', `Bearer ${await signToken(key, { iss: ISS, aud: AUD })}`).send(body).expect(401);
    expect(res.body.issue[0].diagnostics).toMatch(/the JWK Set at https:\/\/keys\.ehr\.test\/jwks\.json could not be fetched/);
  });

  test('a redirect is not followed to another host', async () => {
    nock(KEYS).get('/jwks.json').reply(302, '', { Location: 'https://attacker.test/jwks.json' });
    const attacker = nock('https://attacker.test').get('/jwks.json').reply(200, { keys: [key.publicJwk] });
    await request(app).post('/cds-services/rectal-cancer-stage-iv').set('Authorization', `Bearer ${await signToken(key, { iss: ISS, aud: AUD })}`).send(body).expect(401);
    expect(attacker.isDone()).toBe(false);
  });

  test('a real JWKS server that never answers: 401 after the fetch timeout (3 s), not a hang', async () => {
    const silent = await startJwksServer();
    try {
      const hanging = createApp(
        loadConfig({ LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'https://cds.test', CDS_TRUSTED_ISSUERS: JSON.stringify([{ iss: ISS, jwksUrl: `${silent.base}/hang` }]) }),
      );
      const res = await request(hanging).post('/cds-services/rectal-cancer-stage-iv').set('Authorization', `Bearer ${await signToken(key, { iss: ISS, aud: AUD })}`).send(body).expect(401);
      expect(res.body.issue[0].diagnostics).toMatch(/the JWK Set at http:\/\/127\.0\.0\.1:\d+\/hang could not be fetched/);
      expect(silent.fetches.get('/hang')).toBe(1);
    } finally {
      await silent.close();
    }
  });
});

describe('replay cache', () => {
  test('a jti is remembered until its token expires, then forgotten', () => {
    const cache = new ReplayCache(10, 0);
    expect(cache.remember('a', 2_000, 1_000)).toBe('new');
    expect(cache.remember('a', 2_000, 1_500)).toBe('replayed');
    expect(cache.remember('a', 3_000, 2_001)).toBe('new');
  });

  test('bounded: when full of live ids it refuses new ones instead of forgetting one', () => {
    const cache = new ReplayCache(3, 0);
    for (const id of ['a', 'b', 'c']) expect(cache.remember(id, 10_000, 0)).toBe('new');
    expect(cache.remember('d', 10_000, 100)).toBe('full');
    expect(cache.remember('a', 10_000, 200)).toBe('replayed');
    // Once the old ids expire (and a second has passed since the last sweep), room is made again.
    expect(cache.remember('e', 20_000, 10_001)).toBe('new');
    expect(cache.size).toBe(1);
  });
});
