import type { AddressInfo } from 'node:net';
import type express from 'express';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { drainAndClose } from './http/graceful-shutdown.js';
import { Lifecycle } from './http/lifecycle.js';
import { createLogger } from './observability/logger.js';
import { startupRefusals, startupWarnings } from './security/startup-policy.js';
import { portInUseLine, startupLine } from './startup-line.js';
import { scheduleRetention } from './learning/retention.js';
import { learningRefusals, learningWarnings } from './learning/startup.js';
import { openStore } from './store/open-store.js';

/** Entry point: load config once, build the app (with the embedded FHIR server in demo mode), listen. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const refusals = [...startupRefusals(config), ...learningRefusals(config)];
  if (refusals.length > 0) {
    console.error(`Refusing to start in production mode:\n  ${refusals.join('\n  ')}`);
    process.exit(2);
  }
  const logger = createLogger(config);
  for (const warning of [...startupWarnings(config), ...learningWarnings(config)]) logger.warn(warning);
  // A rejection nobody handled is a bug to log, not a reason to drop every in-flight request.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

  let demo: express.Router | undefined;
  if (config.mode === 'demo') {
    // Imported only in demo mode: a production start never loads the demo code or its fixtures.
    const { startDemoMode } = await import('./demo/demo-mode.js');
    const started = await startDemoMode(config);
    demo = started.router;
    logger.warn(
      { fhirServer: `${config.publicBaseUrl}/fhir`, demoPatients: started.patients.length, resources: started.fhir.size() },
      'DEMO MODE: embedded FHIR server with synthetic demo patients; not for real patient data',
    );
  }

  // The learning store (card ledger, feedback, snooze, JWT ids), its schema migrated before the first call.
  const store = config.ledger ? await openStore(config) : undefined;
  if (store) {
    logger.info({ engine: store.engine, ...(store.engine === 'sqlite' ? { dataDir: config.dataDir } : {}) }, 'learning store ready');
    scheduleRetention(store, config, logger);
  }

  const lifecycle = new Lifecycle();
  const app = createApp(config, { logger, demoRouter: demo, lifecycle, ...(store ? { store } : {}) });
  // express 5 calls back once: with the listen error (e.g. the port is taken), or without when listening.
  const server = app.listen(config.port, config.host, (err?: NodeJS.ErrnoException) => {
    if (err) {
      if (err.code !== 'EADDRINUSE') throw err;
      console.error(portInUseLine({ host: config.host, port: config.port }));
      process.exit(1);
    }
    lifecycle.markReady();
    const { port } = server.address() as AddressInfo;
    logger.info({ port, host: config.host, mode: config.mode, ruleSet: config.ruleSet }, 'rectal-cds listening');
    process.stderr.write(`${startupLine(config, { host: config.host, port })}\n`);
  });
  // Slow clients cannot hold a socket forever (headers, then the whole request).
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;

  // Drain in-flight requests on SIGTERM/SIGINT (readyz turns 503, keep-alive closes), then exit;
  // after SHUTDOWN_TIMEOUT_MS the remaining connections are cut and the exit code is 1.
  const shutdown = (signal: string) => {
    logger.info({ signal, inFlight: lifecycle.inFlight }, 'shutting down: draining in-flight requests');
    void drainAndClose(server, lifecycle, config.shutdownTimeoutMs).then(async (drained) => {
      await store?.close().catch((err: unknown) => logger.warn({ err }, 'closing the store failed'));
      logger.info({ drained }, drained ? 'all requests answered; exiting' : 'shutdown timeout; connections cut');
      process.exit(drained ? 0 : 1);
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
