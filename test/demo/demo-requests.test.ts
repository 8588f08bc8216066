import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import { startDemoMode } from '../../src/demo/demo-mode.js';
import { loadServiceDefinitions } from '../../src/hooks/services.js';
import { postJson } from '../support/live-server.js';
import { cardIds } from '../support/prefetch.js';

/** Demo mode as `npm start` wires it: every scenario loaded, and ready-made requests that really work. */
let server: Server;
let base: string;

beforeAll(async () => {
  const config = testConfig();
  const { router } = await startDemoMode(config);
  const app = createApp(config, { demoRouter: router });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

test('every demo patient is listed with its scenario', async () => {
  const { patients } = (await (await fetch(`${base}/demo/patients`)).json()) as { patients: { patientId: string; scenario: string }[] };
  expect(patients.length).toBeGreaterThanOrEqual(45);
  expect(patients).toContainEqual(expect.objectContaining({ scenario: 'V01', patientId: 'v01-kras-g12d-liver' }));
});

test('the ready-made patient-view request for V01 (prefetch filled from the templates) returns its cards', async () => {
  const body = await (await fetch(`${base}/demo/requests/rectal-cancer-stage-iv/v01-kras-g12d-liver`)).json();
  expect(Object.keys(body.prefetch).sort()).toEqual(Object.keys(loadServiceDefinitions().services[0]!.prefetch!).sort());
  const res = await postJson(`${base}/cds-services/rectal-cancer-stage-iv`, body);
  expect(res.status).toBe(200);
  expect(cardIds(res.body)).toEqual(expect.arrayContaining(['RC-01', 'RC-02', 'RC-03', 'RC-05', 'RC-24']));
});

test('an unknown demo patient or service: 404', async () => {
  expect((await fetch(`${base}/demo/requests/rectal-cancer-stage-iv/nobody`)).status).toBe(404);
  expect((await fetch(`${base}/demo/requests/no-service/v01-kras-g12d-liver`)).status).toBe(404);
});
