import { SignJWT } from 'jose';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/observability/logger.js';
import { patientViewRequest, prefetchFor, service } from '../support/prefetch.js';
import { clientKey, signToken, startJwksServer, type ClientKey, type JwksServer } from './jwt-helpers.js';

/**
 * A refused token is a 401 whatever its header and claims hold: values outside printable ASCII never reach
 * `WWW-Authenticate` (Node refuses such a header, which used to turn the refusal into a 500), log lines stay
 * short, and the answer does not tell an unauthenticated caller which issuers or keys are trusted.
 */
const PUBLIC = 'https://cds.test';
const PATH = '/cds-services/rectal-cancer-stage-iv';
const AUD = `${PUBLIC}${PATH}`;
const ISS = 'https://ehr.test/';
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

let jwks: JwksServer;
let key: ClientKey;
let app: ReturnType<typeof createApp>;
const lines: string[] = [];
const body = patientViewRequest('p1', { prefetch: prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]) });
const diagnostics = (res: { body: { issue?: { diagnostics?: string }[] } }) => (res.body.issue ?? []).map((i) => i.diagnostics).join(' | ');
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
/** A token with any header and claims, signed or not (the signature part is junk when unsigned). */
const forged = (header: Record<string, unknown>, claims: Record<string, unknown>) => `${b64(header)}.${b64(claims)}.c2lnbmF0dXJl`;
const call = (token: string, path = PATH) => request(app).post(path).set('Authorization', `Bearer ${token}`).send(body);

beforeAll(async () => {
  jwks = await startJwksServer();
  key = await clientKey('ES384', 'k1');
  jwks.sets.set('/jwks.json', { keys: [key.publicJwk] });
  const config = loadConfig({
    LOG_LEVEL: 'info',
    PUBLIC_BASE_URL: PUBLIC,
    METRICS_TOKEN: 'metrics-token-0123456789',
    CDS_TRUSTED_ISSUERS: JSON.stringify([{ iss: ISS, jwksUrl: `${jwks.base}/jwks.json` }]),
  });
  app = createApp(config, { logger: createLogger(config, { write: (s: string) => void lines.push(s) }) });
});
afterAll(() => jwks.close());

const HOSTILE = ['ключ', 'https://😀.example', 'a\u0000b', 'line\r\nInjected: yes', 'tab\there', '"quoted" \\ back', '\u007f\u0085\u2028', 'x'.repeat(5000)];

describe('hostile header and claim values: a 401, never a 500', () => {
  test.each(HOSTILE.map((v) => [JSON.stringify(v).slice(0, 40), v]))('kid %s (trusted issuer, unknown key)', async (_n, value) => {
    const res = await call(await signToken(key, { iss: ISS, aud: AUD, header: { kid: value } })).expect(401);
    expect(res.headers['www-authenticate']).toMatch(PRINTABLE_ASCII);
  });

  test.each(HOSTILE.map((v) => [JSON.stringify(v).slice(0, 40), v]))('iss %s (not trusted)', async (_n, value) => {
    const res = await call(await signToken(key, { iss: value, aud: AUD })).expect(401);
    expect(res.headers['www-authenticate']).toMatch(PRINTABLE_ASCII);
  });

  test.each(HOSTILE.map((v) => [JSON.stringify(v).slice(0, 40), v]))('alg %s', async (_n, value) => {
    const res = await call(forged({ alg: value, kid: 'k1' }, { iss: ISS, aud: AUD, exp: now() + 60, iat: now(), jti: 'j' })).expect(401);
    expect(res.headers['www-authenticate']).toMatch(PRINTABLE_ASCII);
  });

  test.each(HOSTILE.map((v) => [JSON.stringify(v).slice(0, 40), v]))('jti %s, replayed', async (_n, value) => {
    // At most 256 characters: a longer jti is refused at once (claims), before the replay store.
    const token = await signToken(key, { iss: ISS, aud: AUD, jti: `${value.slice(0, 200)}-${Math.random()}` });
    await call(token).expect(200);
    const res = await call(token).expect(401);
    expect(diagnostics(res)).toMatch(/was already used/);
    expect(res.headers['www-authenticate']).toMatch(PRINTABLE_ASCII);
  });

  test('a quote in the reason is escaped inside the quoted-string, never ends it', async () => {
    const token = await signToken(key, { iss: ISS, aud: AUD, jti: 'say "hi" \\ bye' });
    await call(token).expect(200);
    const res = await call(token).expect(401);
    const description = /error_description="((?:[^"\\]|\\.)*)"$/.exec(res.headers['www-authenticate'] ?? '');
    expect(description?.[1]).toContain('\\"hi\\"');
  });

  test('log lines of refusals stay short whatever the token holds', async () => {
    lines.length = 0;
    await call(await signToken(key, { iss: 'https://'.concat('é'.repeat(2500)), aud: AUD, header: { kid: 'ж'.repeat(1500) } })).expect(401);
    await call(forged({ alg: 'x'.repeat(6000), kid: 'k' }, {})).expect(401);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.length).toBeLessThan(2000);
  });
});

describe('a refusal does not tell which issuers and keys are trusted', () => {
  const reasonOf = async (token: string) => {
    const res = await call(token).expect(401);
    return { text: diagnostics(res), header: res.headers['www-authenticate'] };
  };

  test('an untrusted issuer, a trusted issuer with an unknown kid and a signature by another key read alike', async () => {
    const other = await clientKey('ES384', 'k1');
    const untrusted = await reasonOf(await signToken(key, { iss: 'https://rogue.test/', aud: AUD }));
    const unknownKid = await reasonOf(await signToken(key, { iss: ISS, aud: AUD, header: { kid: 'nobody' } }));
    const wrongKey = await reasonOf(await signToken(other, { iss: ISS, aud: AUD }));
    expect(untrusted.text).toMatch(/untrusted issuer or unknown key/);
    expect(unknownKid).toEqual(untrusted);
    expect(wrongKey).toEqual(untrusted);
    expect(untrusted.text).not.toContain('rogue.test');
    expect(untrusted.text).not.toContain(jwks.base);
  });

  test('an untrusted jku on an issuer without configured keys reads alike too', async () => {
    const jkuOnly = createApp(
      loadConfig({ LOG_LEVEL: 'silent', PUBLIC_BASE_URL: PUBLIC, CDS_TRUSTED_ISSUERS: JSON.stringify([{ iss: ISS, jkuAllow: [`${jwks.base}/jwks.json`] }]) }),
    );
    const res = await request(jkuOnly)
      .post(PATH)
      .set('Authorization', `Bearer ${await signToken(key, { iss: ISS, aud: AUD, header: { jku: `${jwks.base}/other.json` } })}`)
      .send(body)
      .expect(401);
    expect(diagnostics(res)).toMatch(/untrusted issuer or unknown key/);
    expect(diagnostics(res)).not.toContain(ISS);
  });

  test('the metrics label keeps the precise reason for the operator', async () => {
    await call(await signToken(key, { iss: 'https://rogue-2.test/', aud: AUD }));
    const metrics = await request(app).get('/metrics').set('Authorization', 'Bearer metrics-token-0123456789').expect(200);
    expect(metrics.text).toMatch(/cds_auth_failures_total\{reason="untrusted-issuer"\} [1-9]/);
    expect(metrics.text).toMatch(/cds_auth_failures_total\{reason="unknown-kid"\} [1-9]/);
  });
});

describe('GET /metrics: the bearer scheme is case-insensitive, as on hook calls', () => {
  test.each(['bearer', 'BEARER', 'Bearer'])('%s <token>: 200', async (scheme) => {
    await request(app).get('/metrics').set('Authorization', `${scheme} metrics-token-0123456789`).expect(200);
  });

  test('a wrong token is still refused', async () => {
    await request(app).get('/metrics').set('Authorization', 'bearer metrics-token-wrong-wrong').expect(401);
  });
});

test('an unsigned token with a hostile alg and no kid: 401', async () => {
  const token = await new SignJWT({ iss: ISS, aud: AUD, exp: now() + 60, iat: now(), jti: 'j-nokid' }).setProtectedHeader({ alg: 'ES384' }).sign(key.privateKey);
  await call(token).expect(401);
});
