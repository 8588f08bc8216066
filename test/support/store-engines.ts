import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LearningStore } from '../../src/store/learning-store.js';
import { openPostgresStore, openSqliteStore } from '../../src/store/open-store.js';
import { freshPostgresDatabase } from './postgres.js';

/** One place to open a store of each engine for a test: a fresh SQLite file, or a fresh PostgreSQL database. */
export interface EngineUnderTest {
  name: 'sqlite' | 'postgres';
  /** Settings a service process would be started with to share this database. */
  open(): Promise<LearningStore>;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** `sqlite-typed`: the embedded store with every statement through the typed queries (no hot paths). */
export async function engineUnderTest(name: 'sqlite' | 'postgres' | 'sqlite-typed', prefix = 'test'): Promise<EngineUnderTest> {
  if (name === 'sqlite' || name === 'sqlite-typed') {
    const dir = mkdtempSync(join(tmpdir(), `rectal-cds-${prefix}-`));
    return {
      name: 'sqlite',
      open: () => openSqliteStore(join(dir, 'rectal-cds.sqlite'), { hotPaths: name === 'sqlite' }),
      env: { DATA_DIR: dir },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const db = await freshPostgresDatabase(prefix);
  return { name, open: () => openPostgresStore(db.url, 5), env: { DATABASE_URL: db.url }, cleanup: () => db.drop() };
}

export const ENGINES = ['sqlite', 'postgres'] as const;
