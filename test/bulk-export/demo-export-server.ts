import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { createApp } from '../../src/app.js';
import type { BackendAuth } from '../../src/bulk-export/backend-auth.js';
import { createBackendServices } from '../../src/demo-ehr/backend-services.js';
import { startDemoMode, type DemoMode } from '../../src/demo/demo-mode.js';
import { testConfig } from '../support/test-config.js';

/**
 * Demo mode as `npm start` wires it, with one registered Backend Services client (`audit-client`, an
 * ES384 key made here), on loopback. `clockOffsetMs` moves the authorization server's clock (token expiry).
 */
export interface DemoExportServer {
  base: string;
  fhirBase: string;
  demo: DemoMode;
  auth: BackendAuth;
  /** The client's private key as a JWK, for callers that read their key from a file (BULK_PRIVATE_KEY_FILE). */
  privateJwk: Record<string, unknown>;
  clock: { offsetMs: number };
  close(): Promise<void>;
}

export async function startDemoExportServer(tokenTtlSeconds = 60): Promise<DemoExportServer> {
  const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'audit-key-1', alg: 'ES384', use: 'sig' };
  const clients = [{ clientId: 'audit-client', jwks: { keys: [publicJwk as Record<string, unknown>] } }];
  const config = testConfig({ demoBackendClients: clients });
  const clock = { offsetMs: 0 };
  const backendServices = createBackendServices({ clients, tokenTtlSeconds, now: () => Date.now() + clock.offsetMs });
  // Every export stays "in progress" a little, so the client polls at least once.
  const demo = await startDemoMode(config, { backendServices, fhir: { exportJobs: { minProcessingMs: 150 } } });
  const app = createApp(config, { demoRouter: demo.router, webDir: '/nonexistent' });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    fhirBase: `${base}/fhir`,
    demo,
    auth: { clientId: 'audit-client', privateKey, alg: 'ES384', kid: 'audit-key-1' },
    privateJwk: { ...(await exportJWK(privateKey)), kid: 'audit-key-1', alg: 'ES384' },
    clock,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
