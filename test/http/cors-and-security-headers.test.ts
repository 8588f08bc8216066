import express from 'express';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { testConfig } from '../support/test-config.js';
import { pagePolicy, securityHeaders } from '../../src/http/security-headers.js';

const SANDBOX = 'https://sandbox.cds-hooks.org';
const HOOK = '/cds-services/rectal-cancer-stage-iv';
const preflight = (app: express.Express, origin: string) =>
  request(app).options(HOOK).set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');

describe('CORS per configured origin', () => {
  test('demo default: the CDS Hooks sandbox may call from a browser, with Authorization and Content-Type', async () => {
    const res = await preflight(createApp(testConfig()), SANDBOX).expect(204);
    expect(res.headers['access-control-allow-origin']).toBe(SANDBOX);
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(res.headers['access-control-allow-headers']).toMatch(/Content-Type/);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers['vary']).toMatch(/Origin/);
  });

  test('an origin that is not listed gets no CORS grant', async () => {
    const res = await preflight(createApp(testConfig()), 'https://evil.test');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('production default: no browser origin at all', async () => {
    const app = createApp(loadConfig({ LOG_LEVEL: 'silent', CDS_MODE: 'production', AUTH_DISABLED: 'true' }));
    const res = await preflight(app, SANDBOX);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('CORS_ORIGINS=*: any origin, and still never credentials', async () => {
    const app = createApp(loadConfig({ LOG_LEVEL: 'silent', CORS_ORIGINS: '*' }));
    const res = await preflight(app, 'https://anywhere.test').expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  test('a preflight needs no JWT even when hooks do (browsers send none)', async () => {
    const app = createApp(
      loadConfig({ LOG_LEVEL: 'silent', CDS_TRUSTED_ISSUERS: JSON.stringify([{ iss: 'https://ehr.test/', jwksUrl: 'https://ehr.test/jwks' }]) }),
    );
    await preflight(app, SANDBOX).expect(204);
    const res = await request(app).post(HOOK).set('Origin', SANDBOX).send({}).expect(401);
    // The browser can read why: the refusal carries the CORS grant and exposes WWW-Authenticate.
    expect(res.headers['access-control-allow-origin']).toBe(SANDBOX);
    expect(res.headers['access-control-expose-headers']).toMatch(/WWW-Authenticate/);
  });
});

describe('security headers (helmet)', () => {
  test('API responses: a CSP that loads nothing and forbids framing, nosniff, HSTS, no referrer, no X-Powered-By', async () => {
    const res = await request(createApp(testConfig())).get('/cds-services').expect(200);
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  test('errors carry them too', async () => {
    const res = await request(createApp(testConfig())).get('/nothing-here').expect(404);
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
  });

  test('pagePolicy: a page router gets its own scripts, and may be framed by the EHR when told so', async () => {
    const app = express();
    app.use(securityHeaders());
    const pages = express.Router();
    pages.use(pagePolicy({ frameAncestors: ['https://ehr.example.org'], connectSrc: ["'self'", 'https:'] }));
    pages.get('/app', (_req, res) => void res.type('html').send('<!doctype html><script src="/app.js"></script>'));
    app.use('/smart', pages);
    const res = await request(app).get('/smart/app').expect(200);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors https:\/\/ehr\.example\.org/);
    expect(res.headers['x-frame-options']).toBeUndefined();
  });
});
