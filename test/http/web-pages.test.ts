import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import { demoEhrRouter } from '../../src/demo/demo-mode.js';

/** The browser pages' routes: SMART app, its configuration, the demo EHR (demo mode only), missing builds. */
let webDir: string;
beforeAll(() => {
  webDir = mkdtempSync(join(tmpdir(), 'rectal-cds-web-'));
  for (const page of ['app.html', 'launch.html', 'demo-ehr.html']) writeFileSync(join(webDir, page), `<!doctype html><title>${page}</title>`);
  writeFileSync(join(webDir, 'smart-app.js'), 'export {};');
});
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

const demo = () => createApp(testConfig(), { webDir, demoRouter: demoEhrRouter(testConfig(), { webDir }) });
const production = () => createApp(testConfig({ mode: 'production' }), { webDir });

describe('SMART app pages', () => {
  test.each(['/smart/app', '/smart/launch'])('%s is an HTML page the EHR may frame and that may reach the EHR FHIR server', async (path) => {
    const res = await request(production()).get(path);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/connect-src 'self' https:/);
    expect(csp).toMatch(/frame-ancestors 'self' https:/);
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('demo pages stay on plain http (no upgrade-insecure-requests); production pages keep it', async () => {
    expect((await request(demo()).get('/smart/app')).headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect((await request(production()).get('/smart/app')).headers['content-security-policy']).toMatch(/upgrade-insecure-requests/);
  });

  test('the open-server launch parameters reach the same page', async () => {
    const res = await request(demo()).get('/smart/app?fhirServiceUrl=http%3A%2F%2F127.0.0.1%2Ffhir&patientId=p1');
    expect(res.status).toBe(200);
    expect(res.text).toContain('app.html');
  });

  test('assets are served from the build directory', async () => {
    const res = await request(demo()).get('/smart/assets/smart-app.js');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/javascript/);
    expect((await request(demo()).get('/smart/assets/nope.js')).status).toBe(404);
  });

  test('/smart/config.json gives the page the configured client, scopes and rule settings', async () => {
    const config = testConfig({ smartClientId: 'ehr-registered-id', smartScopes: 'launch patient/*.read', ruleSet: 'seed-only', disabledRules: ['RC-24'] });
    const res = await request(createApp(config, { webDir })).get('/smart/config.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      cardLayout: 'plan',
      clientId: 'ehr-registered-id',
      scope: 'launch patient/*.read',
      ruleSet: 'seed-only',
      disabledRules: ['RC-24'],
      rectosigmoidInScope: false,
      openServerLaunch: true,
    });
  });

  test('the open-server launch (no EHR, no token) is offered in demo mode only', async () => {
    expect((await request(production()).get('/smart/config.json')).body.openServerLaunch).toBe(false);
  });

  test('without a build the service still answers, and the pages say to run the build (503)', async () => {
    const app = createApp(testConfig(), { webDir: join(webDir, 'missing') });
    expect((await request(app).get('/healthz')).status).toBe(200);
    const res = await request(app).get('/smart/app');
    expect(res.status).toBe(503);
    expect(JSON.stringify(res.body)).toMatch(/npm run build/);
  });
});

describe('demo EHR', () => {
  test('is the home page in demo mode', async () => {
    const res = await request(demo()).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('demo-ehr.html');
  });

  test('does not exist in production mode', async () => {
    expect((await request(production()).get('/')).status).toBe(404);
    expect((await request(production()).get('/demo-ehr/sample-orders?patient=v02-kras-g12d-cetux')).status).toBe(404);
    expect((await request(production()).get('/fhir/.well-known/smart-configuration')).status).toBe(404);
  });

  test('sample draft orders: the vignette drafts first, then common regimens, all drafts for that patient', async () => {
    const res = await request(demo()).get('/demo-ehr/sample-orders?patient=v02-kras-g12d-cetux');
    expect(res.status).toBe(200);
    const sets = res.body.sets as { id: string; label: string; orders: { resourceType: string; status: string; subject?: { reference: string } }[] }[];
    expect(sets.map((s) => s.id)).toEqual(['vignette', 'folfox-bevacizumab', 'folfox-cetuximab', 'folfiri-panitumumab']);
    expect(sets[0]!.label).toMatch(/^V02 drafts: .*cetuximab/i);
    for (const order of sets.flatMap((s) => s.orders)) {
      expect(order).toMatchObject({ resourceType: 'MedicationRequest', status: 'draft', subject: { reference: 'Patient/v02-kras-g12d-cetux' } });
    }
  });

  test('sample orders need a valid patient id', async () => {
    expect((await request(demo()).get('/demo-ehr/sample-orders?patient=../x')).status).toBe(400);
  });
});
