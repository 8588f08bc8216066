import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createApp, type AppOptions } from '../../src/app.js';
import type { Config } from '../../src/config/types.js';
import { createEmbeddedFhirServer, type EmbeddedFhirServer } from '../../src/fhir-server/embedded-fhir-server.js';
import type { Resource } from 'fhir/r4.js';

export interface LiveServer {
  baseUrl: string;
  fhirBase: string;
  fhir: EmbeddedFhirServer;
  close(): Promise<void>;
}

/** The real service plus the embedded FHIR server, listening on loopback (port 0). */
export async function startLiveServer(config: Config, records: Resource[][], options: AppOptions = {}): Promise<LiveServer> {
  const fhir = await createEmbeddedFhirServer();
  for (const record of records) {
    await fhir.load({ resourceType: 'Bundle', type: 'collection', entry: record.map((resource) => ({ resource })) });
  }
  const demo = express.Router();
  demo.use('/fhir', fhir.router);
  const app = createApp(config, { ...options, demoRouter: demo });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    fhirBase: `${baseUrl}/fhir`,
    fhir,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}
