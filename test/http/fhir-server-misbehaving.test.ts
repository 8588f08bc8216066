import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import { patientViewRequest, prefetchFor, service } from '../support/prefetch.js';

/**
 * A REAL misbehaving FHIR server on loopback (no mocks): slow, 5xx, wrong content type, truncated JSON,
 * a Bundle of 100,000 entries, an endless body, a connection reset. Whatever it does, the answer is a 412
 * naming the key and the fault, within the time budget, and the service keeps serving.
 * Choice: 412, not degraded cards — the rules need the whole record, and cards from part of it could be wrong.
 */
const BUDGET_MS = 600;
const MAX_BYTES = 16 * 1024 * 1024; // room for the 100,000-entry Bundle (~7 MB), so the entry cap is what stops it
const app = createApp(testConfig({ fhirTimeoutMs: BUDGET_MS, fhirMaxBytes: MAX_BYTES }));
/**
 * For the caps: a timeout far above what moving 16 MB over loopback takes on a loaded machine, so the cap, not
 * the clock, is what stops the call (with the 600 ms budget a slow machine timed out first).
 */
const CAP_TIMEOUT_MS = 15_000; // under jest's 20 s, so a call the cap failed to stop still ends in a readable failure
const capApp = createApp(testConfig({ fhirTimeoutMs: CAP_TIMEOUT_MS, fhirMaxBytes: MAX_BYTES }));
let fhir: Server;
let base = '';
let endlessBytesSent = 0;

const bigBundle = (n: number) =>
  JSON.stringify({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: Array.from({ length: n }, (_, i) => ({ resource: { resourceType: 'Observation', id: `o${i}`, status: 'final' } })),
  });

/** Behaviour chosen by the first path segment of the fhirServer URL, e.g. `/truncated/fhir/Observation?...`. */
const behaviours: Record<string, (res: ServerResponse) => void> = {
  slow: (res) => {
    const t = setTimeout(() => res.writeHead(200, { 'content-type': 'application/fhir+json' }).end('{"resourceType":"Bundle","type":"searchset"}'), 10_000);
    res.on('close', () => clearTimeout(t));
  },
  trickle: (res) => {
    res.writeHead(200, { 'content-type': 'application/fhir+json' });
    const t = setInterval(() => res.write(' '), 50);
    res.on('close', () => clearInterval(t));
  },
  'http-503': (res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>Service Unavailable</h1>'),
  'wrong-type': (res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body>Login</body></html>'),
  truncated: (res) => {
    res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-length': '5000' });
    res.write('{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Obs');
    setTimeout(() => res.socket?.destroy(), 20);
  },
  'truncated-chunked': (res) => res.writeHead(200, { 'content-type': 'application/fhir+json' }).end('{"resourceType":"Bundle","entry":[{"resou'),
  'not-utf8': (res) => res.writeHead(200, { 'content-type': 'application/fhir+json' }).end(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
  'huge-bundle': (res) => res.writeHead(200, { 'content-type': 'application/fhir+json' }).end(bigBundle(100_000)),
  endless: (res) => {
    res.writeHead(200, { 'content-type': 'application/fhir+json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) endlessBytesSent += chunk.length;
      if (!res.destroyed) res.once('drain', pump);
    };
    res.write('{"resourceType":"Bundle","entry":[');
    pump();
  },
  reset: (res) => res.socket?.destroy(),
  // A well-formed searchset of ~400 kB: harmless alone, too much when every key gets one.
  medium: (res) =>
    res.writeHead(200, { 'content-type': 'application/fhir+json' }).end(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry: [], padding: 'x'.repeat(400 * 1024) })),
};

beforeAll(async () => {
  fhir = createServer((req, res) => {
    const mode = (req.url ?? '').split('/')[1] ?? '';
    const behave = behaviours[mode];
    if (behave) behave(res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => fhir.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(fhir.address() as AddressInfo).port}`;
});
afterAll(async () => {
  fhir.closeAllConnections();
  await new Promise((r) => fhir.close(r));
});

/** Everything prefetched except observations: exactly that key goes to the misbehaving server. */
function callWith(mode: string, target = app) {
  const prefetch = prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]);
  delete prefetch['observations'];
  return request(target)
    .post('/cds-services/rectal-cancer-stage-iv')
    .send(patientViewRequest('p1', { fhirServer: `${base}/${mode}/fhir`, fhirAuthorization: { access_token: 'tok-xyz', token_type: 'Bearer' }, prefetch }));
}

const diagnostics = (body: { issue?: { diagnostics?: string }[] }) => (body.issue ?? []).map((i) => i.diagnostics).join(' | ');

/** A 412 OperationOutcome naming `message`, without the token, within `withinMs`. */
async function expectFault(mode: string, message: RegExp, target: typeof app, withinMs: number): Promise<void> {
  const started = Date.now();
  const res = await callWith(mode, target).expect(412);
  expect(res.body.resourceType).toBe('OperationOutcome');
  expect(diagnostics(res.body)).toMatch(message);
  expect(JSON.stringify(res.body)).not.toContain('tok-xyz');
  expect(Date.now() - started).toBeLessThan(withinMs);
}

describe('a misbehaving FHIR server: 412 naming the fault, never a 500 or a hang', () => {
  test.each<[string, RegExp]>([
    ['slow', /observations: the FHIR server did not answer in time/],
    ['trickle', /observations: the FHIR server did not answer in time/],
    ['http-503', /observations: the FHIR server answered HTTP 503/],
    ['wrong-type', /observations: the FHIR server answered text\/html, not FHIR JSON/],
    ['truncated', /observations: the FHIR server closed the connection before the response was complete/],
    ['truncated-chunked', /observations: the FHIR server returned malformed JSON/],
    ['not-utf8', /observations: the FHIR server returned malformed JSON/],
    ['reset', /observations: the FHIR server could not be reached/],
  ])('%s', async (mode, message) => {
    // Bounded: the budget plus generous slack for a loaded machine, never the server's 10 s.
    await expectFault(mode, message, app, BUDGET_MS + 4000);
  });

  test.each<[string, RegExp]>([
    ['huge-bundle', /observations: the FHIR data exceeds FHIR_MAX_ENTRIES \(50000 resources\) for one request/],
    ['endless', /observations: the FHIR data exceeds FHIR_MAX_BYTES \(16 MB\) for one request/],
  ])('%s: stopped by its cap, long before the timeout', async (mode, message) => {
    await expectFault(mode, message, capApp, CAP_TIMEOUT_MS);
  });

  test('an endless body is cut off near the byte cap: memory stays bounded', async () => {
    endlessBytesSent = 0;
    await callWith('endless', capApp).expect(412);
    // What the server managed to push before we hung up: the cap plus socket buffers, not megabytes more.
    expect(endlessBytesSent).toBeLessThan(MAX_BYTES * 2);
  });

  test('the byte cap is per hook request, shared by its parallel calls (each under it, together over it)', async () => {
    const tight = createApp(testConfig({ fhirTimeoutMs: BUDGET_MS, fhirMaxBytes: 1024 * 1024 }));
    const prefetch = { patient: { resourceType: 'Patient', id: 'p1' } };
    const res = await request(tight)
      .post('/cds-services/rectal-cancer-stage-iv')
      .send(patientViewRequest('p1', { fhirServer: `${base}/medium/fhir`, prefetch }))
      .expect(412);
    expect(diagnostics(res.body)).toMatch(/the FHIR data exceeds FHIR_MAX_BYTES \(1 MB\) for one request/);
  });

  test('after all of that the service still answers', async () => {
    await request(app).get('/healthz').expect(200);
    await callWith('http-503').expect(412);
  });
});
