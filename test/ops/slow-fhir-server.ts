import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real loopback FHIR server that answers every read after `delayMs` (empty searchsets, patient p1). */
export interface SlowFhirServer {
  base: string;
  received: number;
  /** Resolves once `n` requests have arrived. */
  waitForRequests(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSlowFhirServer(delayMs: number): Promise<SlowFhirServer> {
  const waiters: { n: number; resolve: () => void }[] = [];
  const state = { received: 0 };
  const server: Server = createServer((req, res) => {
    state.received += 1;
    for (const w of waiters.filter((x) => state.received >= x.n)) w.resolve();
    const body = (req.url ?? '').includes('/Patient/')
      ? { resourceType: 'Patient', id: 'p1' }
      : { resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] };
    const t = setTimeout(() => res.writeHead(200, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(body)), delayMs);
    res.on('close', () => clearTimeout(t));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`,
    get received() {
      return state.received;
    },
    waitForRequests: (n) => (state.received >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
