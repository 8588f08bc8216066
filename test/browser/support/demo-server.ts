import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../../src/app.js';
import { testConfig } from '../../support/test-config.js';
import { type Config } from '../../../src/config/types.js';
import type { DemoPatient } from '../../../src/demo/demo-data.js';
import { startDemoMode } from '../../../src/demo/demo-mode.js';

export interface DemoServer {
  baseUrl: string;
  fhirBase: string;
  config: Config;
  patients: DemoPatient[];
  close(): Promise<void>;
}

/**
 * The service in demo mode as `npm start` runs it (embedded FHIR server with every demo patient, `/demo`,
 * the web pages), on loopback. The socket is bound first so the configuration can carry the real public URL:
 * the cards' SMART link must point at this server for a browser to follow it. `baseUrl` is always 127.0.0.1.
 */
export async function startDemoServer(opts: { webDir: string; now: Date; config?: Partial<Config>; publicHost?: string }): Promise<DemoServer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  // The public URL may name another host for the same server (`localhost` while the browser opens 127.0.0.1).
  const publicBaseUrl = `http://${opts.publicHost ?? '127.0.0.1'}:${port}`;
  const config = testConfig({ publicBaseUrl, smartLaunchUrl: `${publicBaseUrl}/smart/launch`, ...opts.config });

  const { router, patients } = await startDemoMode(config, { webDir: opts.webDir, now: () => opts.now });
  server.on('request', createApp(config, { demoRouter: router, webDir: opts.webDir }));

  return {
    baseUrl,
    fhirBase: `${baseUrl}/fhir`,
    config,
    patients,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
