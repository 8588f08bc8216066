import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { checkFhirServer, type OutboundPolicy } from '../../src/security/outbound.js';
import { parseAllowedServer } from '../../src/config/security-env.js';
import { type AllowedServer } from '../../src/config/types.js';
import { patientViewRequest, prefetchFor, searchset, service } from '../support/prefetch.js';

const allowed = (...entries: string[]): AllowedServer[] => entries.map((e) => parseAllowedServer(e) as AllowedServer);
const demo: OutboundPolicy = { mode: 'demo', allowedServers: [], allowHttp: false };
const production: OutboundPolicy = { mode: 'production', allowedServers: allowed('https://ehr.example.org/fhir', 'https://10.20.0.5:8443/r4'), allowHttp: false };

describe('which fhirServer may be called', () => {
  test.each<[string, OutboundPolicy, string, RegExp | undefined]>([
    ['demo: loopback over http', demo, 'http://127.0.0.1:8080/fhir', undefined],
    ['demo: localhost over http', demo, 'http://localhost:8080/fhir', undefined],
    ['demo: a public host over https', demo, 'https://launch.smarthealthit.org/v/r4/fhir', undefined],
    ['demo: a public host over http', demo, 'http://ehr.example.org/fhir', /https is required/],
    ['demo: cloud metadata address', demo, 'http://169.254.169.254/latest/meta-data', /link-local addresses are not called/],
    ['demo: metadata as IPv4-mapped IPv6', demo, 'https://[::ffff:169.254.169.254]/', /link-local/],
    ['demo: metadata in decimal notation', demo, 'https://2852039166/', /link-local/],
    ['demo: a private address', demo, 'https://10.1.2.3/fhir', /private addresses are not called/],
    ['demo: a private IPv6 address', demo, 'https://[fd00:ec2::254]/', /private/],
    ['demo: 0.0.0.0', demo, 'https://0.0.0.0/fhir', /unspecified/],
    ['demo: credentials in the URL', demo, 'https://user:pw@ehr.example.org/fhir', /credentials/],
    ['demo: not http', demo, 'file:///etc/passwd', /only http\(s\)/],
    ['production: an allowed server', production, 'https://ehr.example.org/fhir', undefined],
    ['production: under the allowed path', production, 'https://ehr.example.org/fhir/r4', undefined],
    ['production: the default port written out', production, 'https://ehr.example.org:443/fhir', undefined],
    ['production: an explicitly allowed private address', production, 'https://10.20.0.5:8443/r4', undefined],
    ['production: same host, other path', production, 'https://ehr.example.org/admin', /not on FHIR_ALLOWED_SERVERS/],
    ['production: a prefix that is not a path segment', production, 'https://ehr.example.org/fhirx', /not on FHIR_ALLOWED_SERVERS/],
    ['production: dot-segments out of the prefix', production, 'https://ehr.example.org/fhir/../admin', /not on FHIR_ALLOWED_SERVERS/],
    ['production: a look-alike host', production, 'https://ehr.example.org.attacker.test/fhir', /not on FHIR_ALLOWED_SERVERS/],
    ['production: another port', production, 'https://ehr.example.org:8443/fhir', /not on FHIR_ALLOWED_SERVERS/],
    ['production: http to an allowed host', production, 'http://ehr.example.org/fhir', /production requires https/],
    ['production: a private address not listed', production, 'https://10.20.0.6:8443/r4', /not on FHIR_ALLOWED_SERVERS/],
    ['production: metadata address', production, 'https://169.254.169.254/', /not on FHIR_ALLOWED_SERVERS/],
    ['production: loopback', production, 'https://127.0.0.1/fhir', /not on FHIR_ALLOWED_SERVERS/],
    ['production: no allow-list at all', { ...production, allowedServers: [] }, 'https://ehr.example.org/fhir', /FHIR_ALLOWED_SERVERS is empty/],
    ['demo with FHIR_ALLOW_HTTP: a docker-network host', { ...demo, allowHttp: true }, 'http://fhir:8080/fhir', undefined],
    ['demo with FHIR_ALLOW_HTTP: still no metadata address', { ...demo, allowHttp: true }, 'http://169.254.169.254/', /link-local/],
  ])('%s', (_name, policy, url, refusal) => {
    const reason = checkFhirServer(url, policy);
    if (refusal) expect(reason).toMatch(refusal);
    else expect(reason).toBeUndefined();
  });
});

describe('SSRF attempts through the hook are refused before any call (412, token never sent)', () => {
  const TOKEN = 'secret-ehr-token-123';
  const auth = { access_token: TOKEN, token_type: 'Bearer', expires_in: 300, scope: 'patient/*.read', subject: 'cds' };
  const svc = service('patient-view');
  // Everything prefetched but observations, so exactly one FHIR call would be needed.
  const prefetch = () => {
    const p = prefetchFor(svc, [{ resourceType: 'Patient', id: 'p1' } as never]);
    delete p['observations'];
    return p;
  };
  const call = (app: ReturnType<typeof createApp>, fhirServer: string) =>
    request(app).post('/cds-services/rectal-cancer-stage-iv').send(patientViewRequest('p1', { fhirServer, fhirAuthorization: auth, prefetch: prefetch() }));

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  const demoApp = createApp(loadConfig({ LOG_LEVEL: 'silent' }));
  const prodApp = createApp(loadConfig({ LOG_LEVEL: 'silent', CDS_MODE: 'production', AUTH_DISABLED: 'true', FHIR_ALLOWED_SERVERS: 'https://ehr.example.org/fhir' }));

  test.each<[string, ReturnType<typeof createApp>, string, string, RegExp]>([
    ['demo: cloud metadata', demoApp, 'http://169.254.169.254', '/latest', /fhirServer http:\/\/169\.254\.169\.254\/latest is not allowed: link-local/],
    ['demo: a private address', demoApp, 'https://10.0.0.7', '/fhir', /fhirServer https:\/\/10\.0\.0\.7\/fhir is not allowed: private addresses/],
    ['production: a host not on the allow-list', prodApp, 'https://attacker.test', '/fhir', /is not allowed: it is not on FHIR_ALLOWED_SERVERS/],
    ['production: metadata address', prodApp, 'http://169.254.169.254', '/latest', /is not allowed: production requires https/],
  ])('%s', async (_name, app, origin, path, message) => {
    const target = nock(origin).get(/.*/).reply(200, searchset([]));
    const res = await call(app, `${origin}${path}`).expect(412);
    expect(res.body.issue.map((i: { diagnostics: string }) => i.diagnostics).join(' | ')).toMatch(message);
    expect(target.isDone()).toBe(false);
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
  });

  test('production: an allowed server is called, with the token', async () => {
    const ehr = nock('https://ehr.example.org', { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .get('/fhir/Observation')
      .query(true)
      .reply(200, searchset([]), { 'content-type': 'application/fhir+json' });
    await call(prodApp, 'https://ehr.example.org/fhir').expect(200);
    expect(ehr.isDone()).toBe(true);
  });

  test('complete prefetch: no call is needed, so a refused fhirServer does not matter', async () => {
    const full = prefetchFor(svc, [{ resourceType: 'Patient', id: 'p1' } as never]);
    await request(prodApp)
      .post('/cds-services/rectal-cancer-stage-iv')
      .send(patientViewRequest('p1', { fhirServer: 'https://attacker.test/fhir', fhirAuthorization: auth, prefetch: full }))
      .expect(200);
  });
});

describe('redirects are never followed (real loopback servers)', () => {
  let ehr: Server;
  let elsewhere: Server;
  let elsewhereHits = 0;
  const listen = (s: Server) => new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));
  let ehrPort = 0;

  beforeAll(async () => {
    elsewhere = createServer((_req, res) => {
      elsewhereHits += 1;
      res.writeHead(200, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(searchset([])));
    });
    const elsewherePort = await listen(elsewhere);
    ehr = createServer((req, res) => {
      res.writeHead(307, { location: `http://127.0.0.1:${elsewherePort}${req.url}` }).end();
    });
    ehrPort = await listen(ehr);
  });
  afterAll(async () => {
    for (const s of [ehr, elsewhere]) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  test('a 307 to another server: 412, and the other server never hears from us', async () => {
    const app = createApp(loadConfig({ LOG_LEVEL: 'silent' }));
    const prefetch = prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]);
    delete prefetch['conditions'];
    const res = await request(app)
      .post('/cds-services/rectal-cancer-stage-iv')
      .send(patientViewRequest('p1', { fhirServer: `http://127.0.0.1:${ehrPort}/fhir`, fhirAuthorization: { access_token: 't0k', token_type: 'Bearer' }, prefetch }))
      .expect(412);
    expect(res.body.issue.map((i: { diagnostics: string }) => i.diagnostics).join(' | ')).toMatch(/conditions: the FHIR server answered a redirect \(HTTP 307\); redirects are not followed/);
    expect(elsewhereHits).toBe(0);
  });
});
