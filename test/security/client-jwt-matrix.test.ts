import { SignJWT } from 'jose';
import nock from 'nock';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/observability/logger.js';
import { readExternalFixture } from '../support/external-fixtures.js';
import { patientViewRequest, prefetchFor, service } from '../support/prefetch.js';
import { clientKey, signToken, startJwksServer, unsignedToken, type ClientKey, type JwksServer } from './jwt-helpers.js';

/**
 * CDS client authentication through HTTP: every row of the issue's JWT matrix against the real app, keys
 * generated here by jose and served by a real loopback JWKS server.
 * @see https://cds-hooks.hl7.org/2.0/#trusting-cds-clients
 */
const PUBLIC = 'https://cds.test';
const PATH = '/cds-services/rectal-cancer-stage-iv';
const AUD = `${PUBLIC}${PATH}`;
const ISS = 'https://ehr.test/';

let jwks: JwksServer;
let es: ClientKey;
let rs: ClientKey;
let stranger: ClientKey;
let app: ReturnType<typeof createApp>;

const body = patientViewRequest('p1', { prefetch: prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]) });
/** What the log says of refusals: the precise reason where the caller only hears "untrusted issuer or unknown key". */
const logged: string[] = [];
const diagnostics = (res: { body: { issue?: { diagnostics?: string }[] } }) => (res.body.issue ?? []).map((i) => i.diagnostics).join(' | ');
const call = (token: string | undefined, path = PATH) => {
  const r = request(app).post(path);
  if (token !== undefined) r.set('Authorization', `Bearer ${token}`);
  return r.send(body);
};

beforeAll(async () => {
  jwks = await startJwksServer();
  [es, rs, stranger] = await Promise.all([clientKey('ES384', 'es-1'), clientKey('RS384', 'rs-1'), clientKey('ES384', 'es-1')]);
  jwks.sets.set('/jwks.json', { keys: [es.publicJwk, rs.publicJwk] });
  jwks.sets.set('/allowed-jku.json', { keys: [es.publicJwk] });
  jwks.sets.set('/evil-jku.json', { keys: [stranger.publicJwk] });
  const spec = JSON.parse(readExternalFixture('cds-hooks-spec/jwt-header.json')) as { jku: string };
  const config = loadConfig({
    LOG_LEVEL: 'info',
    PUBLIC_BASE_URL: PUBLIC,
    CDS_TRUSTED_ISSUERS: JSON.stringify([
      { iss: ISS, jwksUrl: `${jwks.base}/jwks.json`, jkuAllow: [`${jwks.base}/allowed-jku.json`] },
      { iss: 'https://fhir-ehr.example.com/', jkuAllow: [spec.jku] },
    ]),
  });
  app = createApp(config, { logger: createLogger(config, { write: (line: string) => void logged.push(line) }) });
});
afterAll(async () => {
  await jwks.close();
  nock.cleanAll();
});

describe('CDS client JWT: accepted', () => {
  test('a good ES384 token: 200', async () => {
    await call(await signToken(es, { iss: ISS, aud: AUD })).expect(200);
  });

  test('the auth scheme is case-insensitive ("bearer"): 200', async () => {
    const token = await signToken(es, { iss: ISS, aud: AUD });
    await request(app).post(PATH).set('Authorization', `bearer ${token}`).send(body).expect(200);
  });

  test('a good RS384 token: 200', async () => {
    await call(await signToken(rs, { iss: ISS, aud: AUD })).expect(200);
  });

  test('a token from an allowed jku: 200', async () => {
    await call(await signToken(es, { iss: ISS, aud: AUD, header: { jku: `${jwks.base}/allowed-jku.json` } })).expect(200);
  });

  test('expired 10 s ago, within the 30 s clock skew: still accepted', async () => {
    await call(await signToken(es, { iss: ISS, aud: AUD, expIn: -10, iatIn: -200 })).expect(200);
  });
});

describe('CDS client JWT: refused with 401 and the reason', () => {
  const refused = async (token: string | undefined, reason: RegExp) => {
    logged.length = 0;
    const res = await call(token).expect(401);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(diagnostics(res)).toMatch(reason);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="cds-services"/);
    return res;
  };

  test('no Authorization header', async () => {
    const res = await refused(undefined, /a CDS client JWT is required/);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="cds-services"');
  });

  test('expired', async () => {
    const res = await refused(await signToken(es, { iss: ISS, aud: AUD, expIn: -120, iatIn: -400 }), /Authentication failed: the JWT expired at/);
    expect(res.headers['www-authenticate']).toMatch(/error="invalid_token"/);
  });

  test('not yet valid (nbf in the future)', async () => {
    await refused(await signToken(es, { iss: ISS, aud: AUD, nbfIn: 600 }), /not valid before/);
  });

  test('issued in the future', async () => {
    await refused(await signToken(es, { iss: ISS, aud: AUD, iatIn: 600, expIn: 700 }), /iat .* is in the future/);
  });

  test('wrong aud', async () => {
    await refused(await signToken(es, { iss: ISS, aud: 'https://cds.test/cds-services/another-service' }), /aud must be the URL called: https:\/\/cds\.test\/cds-services\/rectal-cancer-stage-iv/);
  });

  /** Refused before a trusted key verified the signature: the caller gets the vague reason, the log the precise one. */
  const refusedVaguely = async (token: string, detail: RegExp) => {
    await refused(token, /untrusted issuer or unknown key/);
    expect(logged.join('\n')).toMatch(detail);
  };

  test('unknown kid', async () => {
    await refusedVaguely(await signToken(es, { iss: ISS, aud: AUD, header: { kid: 'nobody' } }), /kid nobody is not in the JWK Set/);
  });

  test('no kid', async () => {
    await refused(await new SignJWT({ iss: ISS, aud: AUD, exp: Math.floor(Date.now() / 1000) + 60, iat: Math.floor(Date.now() / 1000), jti: 'x' }).setProtectedHeader({ alg: 'ES384' }).sign(es.privateKey), /no kid/);
  });

  test('signed by a key that is not the kid it names', async () => {
    await refusedVaguely(await signToken(stranger, { iss: ISS, aud: AUD }), /signature does not verify/);
  });

  test('alg none', async () => {
    const now = Math.floor(Date.now() / 1000);
    await refused(unsignedToken({ iss: ISS, aud: AUD, exp: now + 60, iat: now, jti: 'none-1' }, 'es-1'), /alg "none" is not accepted/);
  });

  test('HMAC (HS256 keyed with the public key, the classic confusion attack)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(rs.publicJwk));
    const token = await new SignJWT({ iss: ISS, aud: AUD, exp: Math.floor(Date.now() / 1000) + 60, iat: Math.floor(Date.now() / 1000), jti: 'hmac-1' })
      .setProtectedHeader({ alg: 'HS256', kid: 'rs-1' })
      .sign(secret);
    await refused(token, /HS256 \(HMAC\) is not accepted/);
  });

  test('replayed jti: the first call passes, the second is refused', async () => {
    const token = await signToken(es, { iss: ISS, aud: AUD });
    await call(token).expect(200);
    await refused(token, /jti .* was already used/);
  });

  test('untrusted jku: never fetched; the token is checked against the issuer\'s own keys, which it fails', async () => {
    const before = jwks.fetches.get('/evil-jku.json') ?? 0;
    await refusedVaguely(await signToken(stranger, { iss: ISS, aud: AUD, header: { jku: `${jwks.base}/evil-jku.json` } }), /signature does not verify/);
    expect(jwks.fetches.get('/evil-jku.json') ?? 0).toBe(before);
  });

  test('an issuer nobody trusts', async () => {
    await refusedVaguely(await signToken(es, { iss: 'https://rogue.test/', aud: AUD }), /iss https:\/\/rogue\.test\/ is not a trusted issuer/);
  });

  test('a token valid far longer than a CDS call needs', async () => {
    await refused(await signToken(es, { iss: ISS, aud: AUD, expIn: 24 * 3600 }), /short-lived/);
  });

  test('missing jti', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ iss: ISS, aud: AUD, exp: now + 60, iat: now }).setProtectedHeader({ alg: 'ES384', kid: 'es-1' }).sign(es.privateKey);
    await refused(token, /no jti claim/);
  });

  test('not a JWT at all', async () => {
    await refused('abc.def.ghi', /not a well-formed JWT/);
  });

  test("the spec's own example token (expired in 2015): its signature verifies, then exp refuses it", async () => {
    const token = readExternalFixture('cds-hooks-spec/jwt-example.txt').trim();
    const spec = JSON.parse(readExternalFixture('cds-hooks-spec/jwks-public.json'));
    const specApp = createApp(
      loadConfig({
        LOG_LEVEL: 'silent',
        PUBLIC_BASE_URL: 'https://cds.example.org',
        CDS_TRUSTED_ISSUERS: JSON.stringify([{ iss: 'https://fhir-ehr.example.com/', jkuAllow: ['https://fhir-ehr.example.com/jwk_uri'] }]),
      }),
    );
    const jku = nock('https://fhir-ehr.example.com').get('/jwk_uri').reply(200, spec);
    const res = await request(specApp).post('/cds-services/some-service').set('Authorization', `Bearer ${token}`).send(body).expect(401);
    expect(diagnostics(res)).toMatch(/the JWT expired at 2015-01-29T22:01:00\.000Z/);
    expect(jku.isDone()).toBe(true);
  });

  test('the same token is never echoed back or accepted on another path', async () => {
    const token = await signToken(es, { iss: ISS, aud: AUD });
    const res = await call(token, '/cds-services/rectal-cancer-stage-iv/feedback').expect(401);
    expect(diagnostics(res)).toMatch(/aud must be the URL called: https:\/\/cds\.test\/cds-services\/rectal-cancer-stage-iv\/feedback/);
    expect(JSON.stringify(res.body)).not.toContain(token);
    expect(res.headers['www-authenticate']).not.toContain(token.split('.')[2]);
  });
});

describe('discovery', () => {
  test('open by default even when hooks require a JWT', async () => {
    await request(app).get('/cds-services').expect(200);
  });

  test('AUTH_DISCOVERY=true: discovery needs a JWT whose aud is the discovery URL', async () => {
    const guarded = createApp(
      loadConfig({
        LOG_LEVEL: 'silent',
        PUBLIC_BASE_URL: PUBLIC,
        AUTH_DISCOVERY: 'true',
        CDS_TRUSTED_ISSUERS: JSON.stringify([{ iss: ISS, jwksUrl: `${jwks.base}/jwks.json` }]),
      }),
    );
    await request(guarded).get('/cds-services').expect(401);
    const ok = await signToken(es, { iss: ISS, aud: `${PUBLIC}/cds-services` });
    const res = await request(guarded).get('/cds-services').set('Authorization', `Bearer ${ok}`).expect(200);
    expect(res.body.services.length).toBeGreaterThan(0);
  });

  test('AUTH_DISABLED=true turns checking off even with trusted issuers', async () => {
    const open = createApp(
      loadConfig({ LOG_LEVEL: 'silent', AUTH_DISABLED: 'true', CDS_TRUSTED_ISSUERS: JSON.stringify([{ iss: ISS, jwksUrl: `${jwks.base}/jwks.json` }]) }),
    );
    await request(open).post(PATH).send(body).expect(200);
  });
});
