import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { cardInsertStatement, KyselyStore } from './kysely-store.js';
import { postgresHotPaths } from './postgres-hot-paths.js';
import { sqliteCardWriter } from './sqlite-card-writer.js';
import { sqliteSnoozeRows } from './sqlite-hot-paths.js';
import type { LearningStore } from './learning-store.js';
import { migrationProvider } from './migrations.js';
import type { StoreSchema } from './schema.js';

export interface StoreSettings {
  /** Directory of the embedded database file (used when `databaseUrl` is unset). */
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
}

/** The embedded database's file name inside the data directory. */
export const SQLITE_FILE = 'rectal-cds.sqlite';

/** The store of this configuration, its schema migrated to the latest version: PostgreSQL or embedded. */
export async function openStore(settings: StoreSettings): Promise<LearningStore> {
  if (settings.databaseUrl) return openPostgresStore(settings.databaseUrl, settings.databasePoolMax);
  mkdirSync(settings.dataDir, { recursive: true });
  return openSqliteStore(join(settings.dataDir, SQLITE_FILE));
}

/**
 * The embedded store: one SQLite file (`:memory:` for a throw-away one). WAL with `synchronous=FULL`: a
 * commit is on disk (WAL fsynced) before it returns, so nothing acknowledged is lost to a crash or a power cut.
 * Cards, written on every hook call, are committed by a worker thread (`sqlite-card-writer.ts`), so their
 * fsyncs do not stop the event loop; reads and the other writes use this connection.
 */
export async function openSqliteStore(file: string, options: { hotPaths?: boolean } = {}): Promise<LearningStore> {
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  // The ledger's indexes stay in memory (the default page cache is 2 MB); pages are 4 kB, -n means n KiB.
  database.pragma('cache_size = -65536');
  const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database }) });
  await migrate(db);
  // `hotPaths: false`: every statement through the typed queries (the reference the hot paths are tested against).
  if (options.hotPaths === false) return new KyselyStore(db, 'sqlite');
  // A memory database is private to its connection: only a file can be shared with the writer thread.
  if (file === ':memory:') return new KyselyStore(db, 'sqlite', undefined, { snoozeRows: sqliteSnoozeRows(database) });
  const statement = cardInsertStatement(db);
  const cards = sqliteCardWriter(file, statement.sql);
  return new KyselyStore(db, 'sqlite', () => cards.close(), {
    writeCards: (entries) => cards.write(entries.map(statement.row)),
    snoozeRows: sqliteSnoozeRows(database),
  });
}

/** bigint (int8) columns come back as numbers: every such value is epoch milliseconds or a count. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export async function openPostgresStore(url: string, poolMax = 10): Promise<LearningStore> {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, types, connectionTimeoutMillis: 5000 });
  // An idle connection dropped by the server is not a reason to crash; the next query gets a new one.
  pool.on('error', () => undefined);
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db);
  return new KyselyStore(db, 'postgres', undefined, postgresHotPaths(pool, cardInsertStatement(db)));
}

async function migrate(db: Kysely<StoreSchema>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`store migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
