import nock from 'nock';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { KeySets } from '../../src/http/auth/key-sets.js';
import { ReplayCache, type ReplayStore } from '../../src/http/auth/replay-cache.js';
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
    return new ClientJwtVerifier(auth, new KeySets({ cooldownMs, maxAgeMs: 600_000, timeoutMs: 2000 }), new ReplayCache());
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

describe('JWKS cooldown after a failed fetch: a failing endpoint is not fetched on every call', () => {
  let jwks: JwksServer;
  let key: ClientKey;
  let nowMs = 1_000_000;
  const verifierFor = (path: string) => {
    const auth = loadConfig({ CDS_TRUSTED_ISSUERS: JSON.stringify([{ iss: ISS, jwksUrl: `${jwks.base}${path}` }]) }).auth;
    return new ClientJwtVerifier(auth, new KeySets({ cooldownMs: 30_000, maxAgeMs: 600_000, timeoutMs: 2000, now: () => nowMs }), new ReplayCache());
  };
  const refusedFor = async (verifier: ClientJwtVerifier) =>
    expect(verifier.verify(await signToken(key, { iss: ISS, aud: AUD }), AUD)).rejects.toMatchObject({ code: 'jwks-unavailable' });

  beforeAll(async () => {
    jwks = await startJwksServer();
    key = await clientKey('ES384', 'k1');
  });
  afterAll(() => jwks.close());

  test('20 calls one after another naming an issuer whose JWKS answers 404: one fetch', async () => {
    const verifier = verifierFor('/missing.json');
    for (let i = 0; i < 20; i++) await refusedFor(verifier);
    expect(jwks.fetches.get('/missing.json')).toBe(1);
  });

  test('20 concurrent calls: one fetch', async () => {
    const verifier = verifierFor('/missing-too.json');
    await Promise.all(Array.from({ length: 20 }, () => refusedFor(verifier)));
    expect(jwks.fetches.get('/missing-too.json')).toBe(1);
  });

  test('a JWKS that is not a JWK Set counts as a failure too', async () => {
    jwks.sets.set('/not-a-set.json', { hello: 'world' } as never);
    const verifier = verifierFor('/not-a-set.json');
    for (let i = 0; i < 5; i++) await refusedFor(verifier);
    expect(jwks.fetches.get('/not-a-set.json')).toBe(1);
  });

  test('after the cooldown the keys are fetched again, and a recovered endpoint verifies', async () => {
    const verifier = verifierFor('/recovers.json');
    await refusedFor(verifier);
    jwks.sets.set('/recovers.json', { keys: [key.publicJwk] });
    await refusedFor(verifier); // still cooling down: not fetched
    expect(jwks.fetches.get('/recovers.json')).toBe(1);
    nowMs += 30_001;
    await expect(verifier.verify(await signToken(key, { iss: ISS, aud: AUD }), AUD)).resolves.toMatchObject({ kid: 'k1' });
    expect(jwks.fetches.get('/recovers.json')).toBe(2);
  });
});

describe('JWKS fetch faults: 401 (the operator sees that the keys could not be had), never a 500', () => {
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
    // The caller is not told that the issuer is trusted; the operator's metric says why.
    expect(res.body.issue[0].diagnostics).toMatch(/untrusted issuer or unknown key/);
    expect((await request(app).get('/metrics').expect(200)).text).toMatch(/cds_auth_failures_total\{reason="jwks-unavailable"\} 1/);
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
      expect(res.body.issue[0].diagnostics).toMatch(/untrusted issuer or unknown key/);
      expect((await request(hanging).get('/metrics').expect(200)).text).toMatch(/cds_auth_failures_total\{reason="jwks-unavailable"\} 1/);
      expect(silent.fetches.get('/hang')).toBe(1);
    } finally {
      await silent.close();
    }
  });
});

describe('replay cache: bounded per issuer, so one busy client cannot lock the others out', () => {
  const OTHER = 'https://other-ehr.test/';
  let a: ClientKey;
  let b: ClientKey;
  const verifierWith = (cache: ReplayCache) => {
    const auth = loadConfig({
      CDS_TRUSTED_ISSUERS: JSON.stringify([
        { iss: ISS, jwks: { keys: [a.publicJwk] } },
        { iss: OTHER, jwks: { keys: [b.publicJwk] } },
      ]),
    }).auth;
    return new ClientJwtVerifier(auth, new KeySets(), cache);
  };

  beforeAll(async () => {
    [a, b] = await Promise.all([clientKey('ES384', 'a1'), clientKey('ES384', 'b1')]);
  });

  test('an issuer that fills its share gets "full"; another issuer is still served', async () => {
    const verifier = verifierWith(new ReplayCache(3, 0));
    for (let i = 0; i < 3; i++) await verifier.verify(await signToken(a, { iss: ISS, aud: AUD }), AUD);
    await expect(verifier.verify(await signToken(a, { iss: ISS, aud: AUD }), AUD)).rejects.toMatchObject({ code: 'replay-cache-full' });
    await expect(verifier.verify(await signToken(b, { iss: OTHER, aud: AUD }), AUD)).resolves.toMatchObject({ iss: OTHER });
  });

  test('the same jti from two issuers is two tokens, not a replay', async () => {
    const verifier = verifierWith(new ReplayCache(3, 0));
    await verifier.verify(await signToken(a, { iss: ISS, aud: AUD, jti: 'same' }), AUD);
    await expect(verifier.verify(await signToken(b, { iss: OTHER, aud: AUD, jti: 'same' }), AUD)).resolves.toMatchObject({ iss: OTHER });
  });

  test('a store that cannot answer refuses the token as if full (a 503, never let through)', async () => {
    const failing: ReplayStore = { claim: () => Promise.reject(new Error('store away')) };
    const auth = loadConfig({ CDS_TRUSTED_ISSUERS: JSON.stringify([{ iss: ISS, jwks: { keys: [a.publicJwk] } }]) }).auth;
    const verifier = new ClientJwtVerifier(auth, new KeySets(), failing);
    await expect(verifier.verify(await signToken(a, { iss: ISS, aud: AUD }), AUD)).rejects.toMatchObject({ code: 'replay-cache-full' });
  });

  test('a jti longer than 256 characters is refused, so the cache cannot be fed huge keys', async () => {
    const verifier = verifierWith(new ReplayCache());
    await expect(verifier.verify(await signToken(a, { iss: ISS, aud: AUD, jti: 'j'.repeat(257) }), AUD)).rejects.toMatchObject({ code: 'claims' });
  });
});

describe('replay cache', () => {
  test('a jti is remembered until its token expires, then forgotten', () => {
    const cache = new ReplayCache(10, 0);
    expect(cache.claimNow(ISS, 'a', 2_000, 1_000)).toBe('fresh');
    expect(cache.claimNow(ISS, 'a', 2_000, 1_500)).toBe('replayed');
    expect(cache.claimNow(ISS, 'a', 3_000, 2_001)).toBe('fresh');
  });

  test('bounded per issuer: when its share is full of live ids it refuses new ones instead of forgetting one', () => {
    const cache = new ReplayCache(3, 0);
    for (const id of ['a', 'b', 'c']) expect(cache.claimNow(ISS, id, 10_000, 0)).toBe('fresh');
    expect(cache.claimNow(ISS, 'd', 10_000, 100)).toBe('full');
    expect(cache.claimNow(ISS, 'a', 10_000, 200)).toBe('replayed');
    expect(cache.claimNow('https://other.test/', 'd', 10_000, 300)).toBe('fresh');
    // Once the old ids expire (and a second has passed since the last sweep), room is made again.
    expect(cache.claimNow(ISS, 'e', 20_000, 10_001)).toBe('fresh');
    expect(cache.size(ISS)).toBe(1);
    expect(cache.size()).toBe(2);
  });

  test('claim (the store interface) answers asynchronously on its own clock', async () => {
    let now = 0;
    const cache = new ReplayCache(10, 0, () => now);
    await expect(cache.claim(ISS, 'x', 1_000)).resolves.toBe('fresh');
    await expect(cache.claim(ISS, 'x', 1_000)).resolves.toBe('replayed');
    now = 1_001;
    await expect(cache.claim(ISS, 'x', 2_000)).resolves.toBe('fresh');
  });
});
