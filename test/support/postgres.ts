import { randomBytes } from 'node:crypto';
import { createDatabase } from '../../scripts/postgres-cluster.mjs';

/** The PostgreSQL server of this test run (started by `postgres-global-setup.ts`, or configured). */
export function testPostgresServer(): string {
  const url = process.env['TEST_DATABASE_URL'];
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (its globalSetup starts PostgreSQL)');
  return url;
}

/** A new empty database for one test file; `drop()` removes it. */
export function freshPostgresDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  return createDatabase(testPostgresServer(), `${prefix}_${randomBytes(5).toString('hex')}`);
}
