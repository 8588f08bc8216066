import { createHash } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import { demoEhrRouter } from '../../src/demo/demo-mode.js';
import { encodeLaunch } from '../../src/demo-ehr/launch-context.js';

/**
 * Demo mode's SMART authorization for the embedded FHIR server: discovery, authorize (redirect back with a
 * code) and token (PKCE-checked, one use), so a browser can complete a real EHR launch of the app.
 */
const config = testConfig({ smartClientId: 'rectal-cds-demo', publicBaseUrl: 'http://127.0.0.1:8080' });
const app = createApp(config, { webDir: '/nonexistent', demoRouter: demoEhrRouter(config, { webDir: '/nonexistent' }) });
const HOST = '127.0.0.1:8080';
const ORIGIN = `http://${HOST}`;
const REDIRECT = `${ORIGIN}/smart/app`;
const verifier = 'a-random-code-verifier-of-sufficient-length-0123456789';
const challenge = createHash('sha256').update(verifier).digest('base64url');
const launch = encodeLaunch({ patient: 'v01-kras-g12d-liver', appContext: '{"ruleId":"RC-01"}' });

function authorize(over: Record<string, string | undefined> = {}) {
  const q = new URLSearchParams();
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: 'rectal-cds-demo',
    redirect_uri: REDIRECT,
    scope: 'launch patient/Observation.read',
    state: 'st-1',
    aud: `${ORIGIN}/fhir`,
    launch,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...over,
  };
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  return request(app).get(`/demo-ehr/auth/authorize?${q}`).set('Host', HOST);
}

async function codeFrom(res: request.Response): Promise<string> {
  expect(res.status).toBe(302);
  const location = new URL(res.headers['location'] as string);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe('st-1');
  return location.searchParams.get('code')!;
}

const token = (form: Record<string, string>) => request(app).post('/demo-ehr/auth/token').type('form').send(form);

describe('demo SMART authorization', () => {
  test('the embedded FHIR server publishes its SMART configuration', async () => {
    const res = await request(app).get('/fhir/.well-known/smart-configuration').set('Host', HOST);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      authorization_endpoint: `${ORIGIN}/demo-ehr/auth/authorize`,
      token_endpoint: `${ORIGIN}/demo-ehr/auth/token`,
      code_challenge_methods_supported: ['S256'],
      capabilities: expect.arrayContaining(['launch-ehr', 'context-ehr-patient']),
    });
  });

  test('authorize redirects to the app with a code; the token names the launch patient and the card context', async () => {
    const code = await codeFrom(await authorize());
    const res = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'rectal-cds-demo', code_verifier: verifier });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ token_type: 'Bearer', patient: 'v01-kras-g12d-liver', appContext: '{"ruleId":"RC-01"}', scope: 'launch patient/Observation.read' });
    expect(res.body.access_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  test('a code works once', async () => {
    const code = await codeFrom(await authorize());
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'rectal-cds-demo', code_verifier: verifier };
    expect((await token(form)).status).toBe(200);
    const again = await token(form);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  test.each([
    ['a wrong PKCE verifier', { code_verifier: 'wrong' }],
    ['another client', { client_id: 'someone-else' }],
    ['another redirect_uri', { redirect_uri: `${ORIGIN}/smart/app2` }],
  ])('the token is refused for %s', async (_why, over) => {
    const code = await codeFrom(await authorize());
    const res = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'rectal-cds-demo', code_verifier: verifier, ...over });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  test.each([
    ['another host', 'https://attacker.example/smart/app'],
    ['another path', `${ORIGIN}/rules`],
    ['not a URL', 'nope'],
  ])('never redirects to a redirect_uri on %s', async (_why, redirect_uri) => {
    const res = await authorize({ redirect_uri });
    expect(res.status).toBe(400);
    expect(res.headers['location']).toBeUndefined();
  });

  test('an unknown client is refused without a redirect', async () => {
    const res = await authorize({ client_id: 'other' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unauthorized_client');
  });

  test.each([
    ['a launch the demo EHR did not issue', { launch: 'bogus' }, 'invalid_request'],
    ['a foreign audience', { aud: 'https://other.example/fhir' }, 'invalid_request'],
    ['an implicit-grant request', { response_type: 'token' }, 'unsupported_response_type'],
  ])('%s is answered with an OAuth error at the app', async (_why, over, error) => {
    const res = await authorize(over);
    expect(res.status).toBe(302);
    const location = new URL(res.headers['location'] as string);
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('code')).toBeNull();
    expect(location.searchParams.get('state')).toBe('st-1');
  });
});
