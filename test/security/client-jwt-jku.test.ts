import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import nock from 'nock';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { patientViewRequest, prefetchFor, service } from '../support/prefetch.js';
import { externalFixturePath } from '../support/external-fixtures.js';
import { clientKey, startJwksServer, type ClientKey, type JwksServer } from './jwt-helpers.js';

/**
 * A `jku` header that is not on the issuer's allow-list is ignored when the issuer has configured keys (inline
 * `jwks` or `jwksUrl`): the token is verified against those keys, and the `jku` URL is never fetched. The CDS
 * Hooks sandbox sends such a header on every call, as does the specification's own example.
 * @see https://cds-hooks.hl7.org/2.0/#trusting-cds-clients
 */
const read = (name: string) => JSON.parse(readFileSync(externalFixturePath(`cds-hooks-spec/${name}`), 'utf8')) as Record<string, unknown>;
const specHeader = read('jwt-header.json') as { alg: string; typ: string; kid: string; jku: string };
const specPayload = read('jwt-payload.json') as { iss: string };
const specPublic = read('jwks-public.json') as { keys: JWK[] };

const PUBLIC = 'https://cds.test';
const PATH = '/cds-services/rectal-cancer-stage-iv';
const AUD = `${PUBLIC}${PATH}`;
/** What the sandbox puts in its token: its own origin as iss and its key set URL as jku. */
const SANDBOX_ISS = 'https://sandbox.cds-hooks.org';
const SANDBOX_JKU = 'https://sandbox.cds-hooks.org/.well-known/jwks.json';

let specKey: CryptoKey;
let stranger: ClientKey;
let loopback: JwksServer;
const body = patientViewRequest('p1', { prefetch: prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]) });

/** A token shaped as the sandbox makes it: ES384, typ JWT, kid and jku in the header; a 5-minute lifetime. */
function sandboxShaped(key: CryptoKey, header: { kid: string; jku: string }, iss = SANDBOX_ISS): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss, aud: AUD, exp: now + 300, iat: now, jti: randomUUID() }).setProtectedHeader({ alg: 'ES384', typ: 'JWT', ...header }).sign(key);
}

const appWith = (issuers: unknown[]) => createApp(loadConfig({ LOG_LEVEL: 'silent', PUBLIC_BASE_URL: PUBLIC, CDS_TRUSTED_ISSUERS: JSON.stringify(issuers) }));
const call = (app: ReturnType<typeof createApp>, token: string) => request(app).post(PATH).set('Authorization', `Bearer ${token}`).send(body);

beforeAll(async () => {
  specKey = (await importJWK(read('jwk-private-ES384-TEST-ONLY.json') as JWK, 'ES384')) as CryptoKey;
  stranger = await clientKey('ES384', specHeader.kid); // the same kid, another key
  loopback = await startJwksServer();
  loopback.sets.set('/jwks.json', specPublic);
  loopback.sets.set('/attacker-jwks.json', { keys: [stranger.publicJwk] });
  // Nothing leaves the machine: a fetch of the sandbox's or the spec's jku would fail the call.
  nock.disableNetConnect();
  nock.enableNetConnect(/^127\.0\.0\.1(:\d+)?$/);
});
afterAll(async () => {
  nock.enableNetConnect();
  await loopback.close();
});
afterEach(() => nock.cleanAll());

const fetchesOf = (path: string) => loopback.fetches.get(path) ?? 0;

describe('inline keys configured, jku not on the allow-list', () => {
  const app = () => appWith([{ iss: SANDBOX_ISS, jwks: specPublic }]);

  test('a sandbox-shaped token (ES384, jku header) signed with the spec example key: 200, the jku never fetched', async () => {
    const sandbox = nock('https://sandbox.cds-hooks.org').get(/.*/).reply(200, { keys: [stranger.publicJwk] });
    await call(app(), await sandboxShaped(specKey, { kid: specHeader.kid, jku: SANDBOX_JKU })).expect(200);
    expect(sandbox.isDone()).toBe(false);
  });

  test('the jku of a real server holding an attacker key: the attacker-signed token is refused, the server never asked', async () => {
    const jku = `${loopback.base}/attacker-jwks.json`;
    const a = app();
    await call(a, await sandboxShaped(stranger.privateKey, { kid: specHeader.kid, jku })).expect(401);
    await call(a, await sandboxShaped(specKey, { kid: specHeader.kid, jku })).expect(200);
    expect(fetchesOf('/attacker-jwks.json')).toBe(0);
  });

  test("the spec's example header as it is (kid example-kid, its jku) with a fresh payload from its issuer: 200", async () => {
    const specApp = appWith([{ iss: specPayload.iss, jwks: specPublic }]);
    const spec = nock('https://fhir-ehr.example.com').get(/.*/).reply(200, { keys: [stranger.publicJwk] });
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ iss: specPayload.iss, aud: AUD, exp: now + 300, iat: now, jti: randomUUID() }).setProtectedHeader(specHeader).sign(specKey);
    await call(specApp, token).expect(200);
    expect(spec.isDone()).toBe(false);
  });
});

describe('jwksUrl configured, jku not on the allow-list', () => {
  test('verified with the jwksUrl keys (fetched), the jku never fetched', async () => {
    const app = appWith([{ iss: SANDBOX_ISS, jwksUrl: `${loopback.base}/jwks.json` }]);
    const before = fetchesOf('/jwks.json');
    await call(app, await sandboxShaped(specKey, { kid: specHeader.kid, jku: `${loopback.base}/attacker-jwks.json` })).expect(200);
    await call(app, await sandboxShaped(stranger.privateKey, { kid: specHeader.kid, jku: `${loopback.base}/attacker-jwks.json` })).expect(401);
    expect(fetchesOf('/jwks.json')).toBe(before + 1);
    expect(fetchesOf('/attacker-jwks.json')).toBe(0);
  });
});

describe('the allow-list still decides where keys may come from', () => {
  test('an allow-listed jku is where the keys are fetched from', async () => {
    loopback.sets.set('/allowed.json', specPublic);
    const app = appWith([{ iss: SANDBOX_ISS, jwks: { keys: [stranger.publicJwk] }, jkuAllow: [`${loopback.base}/allowed.json`] }]);
    await call(app, await sandboxShaped(specKey, { kid: specHeader.kid, jku: `${loopback.base}/allowed.json` })).expect(200);
    expect(fetchesOf('/allowed.json')).toBe(1);
  });

  test('no configured keys, only an allow-list: a jku not on it is refused (401) and never fetched', async () => {
    const app = appWith([{ iss: SANDBOX_ISS, jkuAllow: [`${loopback.base}/jwks.json`] }]);
    const res = await call(app, await sandboxShaped(specKey, { kid: specHeader.kid, jku: `${loopback.base}/attacker-jwks.json` })).expect(401);
    expect(res.body.issue[0].diagnostics).toMatch(/untrusted issuer or unknown key/);
    expect(fetchesOf('/attacker-jwks.json')).toBe(0);
  });

  test('a jku that is not a string, with configured keys: ignored as well', async () => {
    const app = appWith([{ iss: SANDBOX_ISS, jwks: specPublic }]);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ iss: SANDBOX_ISS, aud: AUD, exp: now + 300, iat: now, jti: randomUUID() })
      .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: specHeader.kid, jku: { url: SANDBOX_JKU } } as never)
      .sign(specKey);
    await call(app, token).expect(200);
  });
});
