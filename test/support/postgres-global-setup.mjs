import { startPostgresCluster } from '../../scripts/postgres-cluster.mjs';

/**
 * jest globalSetup: the PostgreSQL server of the store tests. `TEST_DATABASE_URL` (or `DATABASE_URL`) names
 * one to use; otherwise a private cluster is started on loopback for the run and stopped by the teardown.
 * Each test file creates its own database on it (`test/support/postgres.ts`).
 */
export default async function setup() {
  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (configured) {
    process.env.TEST_DATABASE_URL = configured;
    return;
  }
  const cluster = await startPostgresCluster();
  process.env.TEST_DATABASE_URL = cluster.url;
  globalThis.postgresCluster = cluster;
}
