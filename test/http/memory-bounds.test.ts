import { createServer, request as httpRequest, type ClientRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { patientViewRequest, prefetchFor, service } from '../support/prefetch.js';

/**
 * What a few callers can hold at once, in open demo mode as anywhere: request bodies being received and
 * answered (`BODY_BYTES_IN_FLIGHT`), hook calls reading from FHIR servers (`FHIR_CONCURRENT_CALLS`) and the
 * bytes those calls have read (`FHIR_BYTES_IN_FLIGHT`). Beyond, a 503 with Retry-After, and the room comes back
 * when the calls end. Real servers on loopback: the service and a FHIR server that answers when told to.
 */
const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
const closeServer = async (server: Server) => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
};
const HOOK = '/cds-services/rectal-cancer-stage-iv';

/** The service with these settings, listening. */
async function startService(env: Record<string, string>): Promise<{ base: string; server: Server }> {
  const app = createApp(loadConfig({ LOG_LEVEL: 'silent', ...env }));
  const server = createServer(app);
  return { base: await listen(server), server };
}

async function post(base: string, body: unknown): Promise<{ status: number; retryAfter: string | null; text: string }> {
  const res = await fetch(`${base}${HOOK}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text: await res.text() };
}

describe('BODY_BYTES_IN_FLIGHT: request bodies held at once', () => {
  let svc: { base: string; server: Server };
  beforeAll(async () => {
    svc = await startService({ JSON_BODY_LIMIT: '1mb', BODY_BYTES_IN_FLIGHT: '2mb' });
  });
  afterAll(() => closeServer(svc.server));
  const HEAD = '{"hook":"patient-view","padding":"';
  const MB = 1024 * 1024;

  /** A request that declares a 1 MB body and sends only its first bytes: it holds its share until it ends. */
  function slowBody(): { req: ClientRequest; done: Promise<number> } {
    const url = new URL(`${svc.base}${HOOK}`);
    let req!: ClientRequest;
    const done = new Promise<number>((resolve, reject) => {
      req = httpRequest({ hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': MB } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
    });
    req.write(HEAD);
    return { req, done };
  }

  test('two 1 MB bodies arriving fill 2 MB: a third call gets 503 with Retry-After; once they end, calls pass again', async () => {
    const a = slowBody();
    const b = slowBody();
    await new Promise((r) => setTimeout(r, 100)); // both admitted and waiting for their bodies
    const refused = await post(svc.base, patientViewRequest('p1'));
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('1');
    expect(refused.text).toMatch(/BODY_BYTES_IN_FLIGHT/);
    for (const slow of [a, b]) slow.req.end(`${' '.repeat(MB - HEAD.length - 2)}"}`);
    expect(await a.done).toBeLessThan(500);
    expect(await b.done).toBeLessThan(500);
    const prefetch = prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]);
    expect((await post(svc.base, patientViewRequest('p1', { prefetch }))).status).toBe(200);
  });
});

describe('FHIR fallback: calls reading at once, and the bytes they hold', () => {
  let fhir: Server;
  let fhirBase = '';
  const held: ServerResponse[] = [];
  const releaseAll = () => held.splice(0).forEach((res) => res.end(']}'));
  const PAD = ' '.repeat(600 * 1024);

  beforeAll(async () => {
    // Every read answers a searchset: its head and 600 kB at once, the end only when released.
    fhir = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.write(`{"resourceType":"Bundle","type":"searchset","entry":[${PAD}`);
      held.push(res);
    });
    fhirBase = `${await listen(fhir)}/fhir`;
  });
  afterAll(async () => {
    releaseAll();
    await closeServer(fhir);
  });
  afterEach(releaseAll);

  // Everything prefetched but the observations: one FHIR read per call.
  const fallbackCall = (base: string) => {
    const prefetch = prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]);
    delete prefetch['observations'];
    return post(base, patientViewRequest('p1', { fhirServer: fhirBase, prefetch }));
  };
  const waitForHeld = async (n: number) => {
    while (held.length < n) await new Promise((r) => setTimeout(r, 10));
  };

  test('FHIR_CONCURRENT_CALLS=2: a third call reading from FHIR gets 503; the slots come back', async () => {
    const service = await startService({ FHIR_CONCURRENT_CALLS: '2', FHIR_TIMEOUT_MS: '5000' });
    try {
      const first = [fallbackCall(service.base), fallbackCall(service.base)];
      await waitForHeld(2);
      const third = await fallbackCall(service.base);
      expect(third.status).toBe(503);
      expect(third.retryAfter).toBe('1');
      expect(third.text).toMatch(/FHIR_CONCURRENT_CALLS/);
      releaseAll();
      expect((await Promise.all(first)).map((r) => r.status)).toEqual([200, 200]);
      const again = fallbackCall(service.base);
      await waitForHeld(1);
      releaseAll();
      expect((await again).status).toBe(200);
    } finally {
      await closeServer(service.server);
    }
  });

  test('FHIR_BYTES_IN_FLIGHT=1mb: a second call that would pass the shared bytes gets 503; the bytes come back', async () => {
    const service = await startService({ FHIR_MAX_BYTES: '1mb', FHIR_BYTES_IN_FLIGHT: '1mb', FHIR_TIMEOUT_MS: '5000' });
    try {
      const first = fallbackCall(service.base);
      await waitForHeld(1);
      await new Promise((r) => setTimeout(r, 100)); // its 600 kB read
      const second = await fallbackCall(service.base);
      expect(second.status).toBe(503);
      expect(second.text).toMatch(/FHIR_BYTES_IN_FLIGHT/);
      releaseAll();
      expect((await first).status).toBe(200);
      const again = fallbackCall(service.base);
      await waitForHeld(1);
      releaseAll();
      expect((await again).status).toBe(200);
    } finally {
      await closeServer(service.server);
    }
  });
});

describe('the limits cannot be set below what one call may take', () => {
  test.each([
    [{ JSON_BODY_LIMIT: '32mb', BODY_BYTES_IN_FLIGHT: '16mb' }, /BODY_BYTES_IN_FLIGHT: must be at least JSON_BODY_LIMIT/],
    [{ FHIR_MAX_BYTES: '32mb', FHIR_BYTES_IN_FLIGHT: '16mb' }, /FHIR_BYTES_IN_FLIGHT: must be at least FHIR_MAX_BYTES/],
    [{ FHIR_CONCURRENT_CALLS: '0' }, /FHIR_CONCURRENT_CALLS/],
  ])('%j is refused', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('the defaults', () => {
    const config = loadConfig({});
    expect(config.bodyBytesInFlight).toBe(64 * 1024 * 1024);
    expect(config.fhirConcurrentCalls).toBe(32);
    expect(config.fhirBytesInFlight).toBe(128 * 1024 * 1024);
  });
});
