import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import { startDemoMode } from '../../src/demo/demo-mode.js';
import { FHIR_ID } from '../../src/domain/ids.js';
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

describe('ready-made requests for the order services carry the patient\'s sample draft orders', () => {
  const orderServices = loadServiceDefinitions().services.filter((s) => s.hook !== 'patient-view');
  type Demo = { patients: { patientId: string; scenario: string }[] };

  test('order-select and order-sign are both published', () => {
    expect(orderServices.map((s) => s.hook).sort()).toEqual(['order-select', 'order-sign']);
  });

  test.each(orderServices.map((s) => [s.id, s.hook]))('%s: for every demo patient the request is complete and posting it answers 200', async (id, hook) => {
    const { patients } = (await (await fetch(`${base}/demo/patients`)).json()) as Demo;
    for (const { patientId } of patients) {
      const body = await (await fetch(`${base}/demo/requests/${id}/${patientId}`)).json();
      expect(body).toMatchObject({ hook, context: { patientId, draftOrders: { resourceType: 'Bundle', type: 'collection' } } });
      const drafts = body.context.draftOrders.entry.map((e: { resource: { resourceType: string; id: string; status: string } }) => e.resource);
      expect(drafts.length).toBeGreaterThan(0);
      for (const d of drafts) expect([d.status, FHIR_ID.test(d.id)]).toEqual(['draft', true]);
      if (hook === 'order-select') {
        expect(body.context.selections.length).toBeGreaterThan(0);
        for (const sel of body.context.selections) expect(drafts.map((d: { resourceType: string; id: string }) => `${d.resourceType}/${d.id}`)).toContain(sel);
      } else {
        expect(body.context.selections).toBeUndefined();
      }
      const res = await postJson(`${base}/cds-services/${id}`, body);
      expect({ patientId, status: res.status }).toEqual({ patientId, status: 200 });
    }
  }, 120_000);

  test("V02's own drafts (cetuximab selected beside oxaliplatin, KRAS G12D) are the default: RC-30 critical", async () => {
    const body = await (await fetch(`${base}/demo/requests/rectal-cancer-order-select/v02-kras-g12d-cetux`)).json();
    const res = await postJson(`${base}/cds-services/rectal-cancer-order-select`, body);
    expect(res.status).toBe(200);
    expect(res.body.cards).toContainEqual(expect.objectContaining({ indicator: 'critical', source: expect.objectContaining({ topic: expect.objectContaining({ code: 'RC-30' }) }) }));
  });

  test('?orders= picks another sample set: FOLFOX + cetuximab for V01 (KRAS G12D) gets RC-30 at signing', async () => {
    const body = await (await fetch(`${base}/demo/requests/rectal-cancer-order-sign/v01-kras-g12d-liver?orders=folfox-cetuximab`)).json();
    const res = await postJson(`${base}/cds-services/rectal-cancer-order-sign`, body);
    expect(res.status).toBe(200);
    expect(cardIds(res.body)).toContain('RC-30');
  });

  test('an order set the patient does not have: 404 naming the sets there are', async () => {
    const res = await fetch(`${base}/demo/requests/rectal-cancer-order-sign/v01-kras-g12d-liver?orders=nothing`);
    expect(res.status).toBe(404);
    const text = JSON.stringify(await res.json());
    expect(text).toMatch(/No sample order set 'nothing' for demo patient 'v01-kras-g12d-liver' \(sets: folfox-bevacizumab, folfox-cetuximab, folfiri-panitumumab\)/);
  });

  test('the patient-view request has no draft orders; an unknown patient is still a 404 for order services', async () => {
    const body = await (await fetch(`${base}/demo/requests/rectal-cancer-stage-iv/v01-kras-g12d-liver`)).json();
    expect(body.context.draftOrders).toBeUndefined();
    const res = await fetch(`${base}/demo/requests/rectal-cancer-order-sign/nobody`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).toMatch(/No demo patient 'nobody'/);
  });
});
