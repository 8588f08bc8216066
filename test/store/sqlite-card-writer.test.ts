import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/store/open-store.js';
import { sqliteCardWriter } from '../../src/store/sqlite-card-writer.js';
import { card, STORE_T0 } from '../support/store-rows.js';

/** The embedded store commits cards on a worker thread: what the event loop is told must be what is on disk. */

const T0 = STORE_T0;
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rectal-cds-card-writer-'));
  file = join(dir, 'rectal-cds.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const countCards = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from cards').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

test('cards answered by 64 concurrent writes are readable at once on the main connection and in the file', async () => {
  const store = await openSqliteStore(file);
  const entries = Array.from({ length: 64 }, card);
  await Promise.all(entries.map((e) => store.recordCards([e])));
  expect((await store.knownCards(entries.map((e) => e.cardUuid))).size).toBe(64);
  // Another connection, as another process would open the file: the rows are committed, not only cached.
  expect(countCards(file)).toBe(64);
  await store.close();
});

test('a write that fails is reported to its caller, stores nothing, and the writer goes on with the next one', async () => {
  const store = await openSqliteStore(file);
  await store.close();
  const writer = sqliteCardWriter(file, 'insert into cards (card_uuid, hook_instance, service, hook, rule_set_version, client, patient_key, user_key, issued_at, shadow, rules, suggestions) values (?,?,?,?,?,?,?,?,?,?,?,?)');
  const row = (id: string) => [id, 'h', 's', 'patient-view', 'v1', 'open', 'p', null, T0, 0, '[]', '[]'];
  // The second row has too few values: the transaction holding both fails, and neither is stored.
  await expect(writer.write([row('c-1'), ['c-2']])).rejects.toThrow(/card ledger write failed/);
  expect(countCards(file)).toBe(0);
  await expect(writer.write([row('c-3')])).resolves.toBeUndefined();
  expect(countCards(file)).toBe(1);
  await writer.close();
});

test('a closed writer refuses writes instead of starting again', async () => {
  const store = await openSqliteStore(file);
  await store.recordCards([card()]);
  await store.close();
  await expect(store.recordCards([card()])).rejects.toThrow();
  expect(countCards(file)).toBe(1);
});

test('what was written survives closing and reopening the database', async () => {
  const first = await openSqliteStore(file);
  const entries = Array.from({ length: 10 }, card);
  await first.recordCards(entries);
  await first.close();
  const again = await openSqliteStore(file);
  expect((await again.knownCards(entries.map((e) => e.cardUuid))).size).toBe(10);
  await again.close();
});
