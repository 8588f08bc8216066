import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import { drainAndClose } from '../../src/http/graceful-shutdown.js';
import { Lifecycle } from '../../src/http/lifecycle.js';
import { patientViewRequest, prefetchFor, service } from '../support/prefetch.js';
import { startSlowFhirServer, type SlowFhirServer } from './slow-fhir-server.js';

/** Shutdown drains: requests in flight when it starts are answered; new connections are refused. */
let fhir: SlowFhirServer;
let server: Server;
let base = '';
let lifecycle: Lifecycle;

/** Everything prefetched but observations: each request makes one slow FHIR call. */
const hookCall = () => {
  const prefetch = prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]);
  delete prefetch['observations'];
  return fetch(`${base}/cds-services/rectal-cancer-stage-iv`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patientViewRequest('p1', { fhirServer: fhir.base, prefetch })),
  });
};

async function start(delayMs: number, fhirTimeoutMs: number): Promise<void> {
  fhir = await startSlowFhirServer(delayMs);
  lifecycle = new Lifecycle();
  const app = createApp(testConfig({ fhirTimeoutMs }), { lifecycle });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  lifecycle.markReady();
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await fhir.close();
});

test('in-flight requests are answered, then the server closes; new connections are refused', async () => {
  await start(700, 5000);
  const inFlight = Array.from({ length: 5 }, () => hookCall());
  await fhir.waitForRequests(5);
  expect(lifecycle.inFlight).toBe(5);

  const drained = drainAndClose(server, lifecycle, 5000);
  expect(lifecycle.phase).toBe('draining');
  await expect(fetch(`${base}/healthz`)).rejects.toThrow();

  const responses = await Promise.all(inFlight);
  expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  for (const r of responses) expect(await r.json()).toHaveProperty('cards');
  await expect(drained).resolves.toBe(true);
  expect(lifecycle.inFlight).toBe(0);
});

test('a request that outlives the shutdown timeout is cut, and shutdown reports it', async () => {
  await start(10_000, 30_000);
  const stuck = hookCall().then(
    (r) => r.status,
    () => 'connection closed',
  );
  await fhir.waitForRequests(1);
  await expect(drainAndClose(server, lifecycle, 300)).resolves.toBe(false);
  await expect(stuck).resolves.toBe('connection closed');
});
