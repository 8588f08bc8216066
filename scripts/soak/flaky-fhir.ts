import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { createEmbeddedFhirServer } from '../../src/fhir-server/embedded-fhir-server.js';
import { loadDemoPatients } from '../../src/demo/demo-data.js';
import { fetchPrefetch } from '../../src/hooks/prefetch-template.js';
import { loadServiceDefinitions } from '../../src/hooks/services.js';

/** Fault kinds the backend injects, each with its probability per FHIR request. */
export const FAULTS = { http500: 0.01, slow: 0.01, reset: 0.01, truncated: 0.01, html: 0.01 } as const;
export type Fault = keyof typeof FAULTS;

export interface FlakyBackend {
  /** `http://127.0.0.1:port/fhir`: the embedded FHIR server with every demo patient, behind the faults. */
  fhirBase: string;
  jwksUrl: string;
  signingKey: CryptoKey;
  kid: string;
  patientIds: string[];
  /** The patient-view prefetch of each patient, read once without faults. */
  prefetch: Map<string, Record<string, unknown>>;
  faults: Record<Fault | 'ok', number>;
  close(): Promise<void>;
}

function pickFault(): Fault | undefined {
  let r = Math.random();
  for (const [fault, p] of Object.entries(FAULTS) as [Fault, number][]) {
    if (r < p) return fault;
    r -= p;
  }
  return undefined;
}

/**
 * A loopback EHR for the soak run: a FHIR server that misbehaves now and then (HTTP 500, answers slower than
 * the service's budget, resets, truncated JSON, an HTML login page) and the JWK Set of the EHR's CDS client key.
 */
export async function startFlakyBackend(): Promise<FlakyBackend> {
  const fhir = await createEmbeddedFhirServer();
  const patients = await loadDemoPatients(fhir, new Date());
  const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
  const kid = 'soak-ehr-1';
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES384', use: 'sig' };
  const faults: Record<Fault | 'ok', number> = { ok: 0, http500: 0, slow: 0, reset: 0, truncated: 0, html: 0 };

  const app = express();
  app.get('/jwks.json', (_req, res) => void res.json({ keys: [jwk] }));
  app.use('/fhir', (req, res, next) => {
    const fault = req.get('x-soak-no-faults') ? undefined : pickFault();
    faults[fault ?? 'ok'] += 1;
    switch (fault) {
      case undefined:
        return next();
      case 'http500':
        return void res.status(500).type('application/fhir+json').send('{"resourceType":"OperationOutcome","issue":[]}');
      case 'slow': {
        const t = setTimeout(() => next(), 4000); // beyond the service's 2.5 s budget
        res.on('close', () => clearTimeout(t));
        return;
      }
      case 'reset':
        return void req.socket.destroy();
      case 'truncated':
        res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-length': '4096' });
        res.write('{"resourceType":"Bundle","type":"searchset","entry":[{"resource":');
        return void setTimeout(() => req.socket.destroy(), 10);
      case 'html':
        return void res.status(200).type('html').send('<html><body>Please log in</body></html>');
    }
  });
  app.use('/fhir', fhir.router);

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Prefetch as an EHR would send it: the service's own templates, read once without faults.
  const patientView = loadServiceDefinitions().services.find((d) => d.hook === 'patient-view') ?? {};
  const prefetch = new Map<string, Record<string, unknown>>();
  for (const { patientId } of patients) {
    const filled = await fetchPrefetch(patientView, { patientId }, async (q) =>
      (await fetch(`${base}/fhir/${q.url}`, { headers: { 'x-soak-no-faults': '1' } })).json(),
    );
    prefetch.set(patientId, filled);
  }

  return {
    fhirBase: `${base}/fhir`,
    jwksUrl: `${base}/jwks.json`,
    signingKey: privateKey,
    kid,
    patientIds: patients.map((p) => p.patientId),
    prefetch,
    faults,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
