import { pino } from 'pino';
import express from 'express';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createEmbeddedFhirServer } from './fhir-server/embedded-fhir-server.js';
import { loadDemoPatients } from './demo/demo-data.js';
import { demoRouter } from './demo/demo-routes.js';
import { loadServiceDefinitions } from './hooks/services.js';

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
  const logger = pino({ level: config.logLevel });

  let demo: express.Router | undefined;
  if (config.mode === 'demo') {
    const fhir = await createEmbeddedFhirServer();
    const patients = await loadDemoPatients(fhir, new Date());
    demo = express.Router();
    demo.use('/fhir', fhir.router);
    demo.use('/demo', demoRouter(patients, loadServiceDefinitions()));
    logger.warn(
      { fhirServer: `${config.publicBaseUrl}/fhir`, demoPatients: patients.length, resources: fhir.size() },
      'DEMO MODE: embedded FHIR server with synthetic demo patients; not for real patient data',
    );
  }

  const app = createApp(config, { logger, demoRouter: demo });
  const server = app.listen(config.port, config.host, () => {
    logger.info({ port: config.port, host: config.host, mode: config.mode, ruleSet: config.ruleSet }, 'rectal-cds listening');
  });

  // Drain in-flight requests on SIGTERM/SIGINT, then exit; force-exit if they hang.
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
