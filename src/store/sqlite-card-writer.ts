import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CardRow } from './kysely-store.js';

/** Writes card rows to the embedded database from a worker thread; resolves once they are committed. */
export interface CardWriter {
  write(rows: readonly CardRow[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The worker's whole program. A plain script (not a module file) so it runs the same under tsc's output, tsx
 * and the test runner; it opens its own connection to the same WAL database with the same durability
 * (`synchronous=FULL`: each transaction's WAL is fsynced before the worker answers).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
const insert = db.prepare(workerData.sql);
const writeAll = db.transaction((rows) => { for (const row of rows) insert.run(row); });
parentPort.on('message', (m) => {
  if (m.type === 'close') { db.close(); parentPort.close(); return; }
  try { writeAll(m.rows); parentPort.postMessage({ id: m.id }); }
  catch (err) { parentPort.postMessage({ id: m.id, error: String((err && err.message) || err) }); }
});
`;

/**
 * SQLite commits (and fsyncs) synchronously: on the event loop, every commit would stop every other call for
 * the length of an fsync. The card ledger, written on every hook call, commits here instead, on a worker thread
 * with its own connection; the event loop only posts the rows and is told when they are on disk. Readers on the
 * main connection see each commit as soon as it is made (WAL). If the worker fails, every write waiting on it
 * fails (the edge then answers 503: an answered card is never missing from the ledger) and the next write
 * starts a new worker.
 */
export function sqliteCardWriter(file: string, insertSql: string): CardWriter {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  let worker: Worker | undefined;
  let closed = false;
  let nextId = 0;
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();

  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  const start = (): Worker => {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, sql: insertSql } });
    w.on('message', (m: { id: number; error?: string }) => {
      const entry = waiting.get(m.id);
      if (!entry) return;
      waiting.delete(m.id);
      if (m.error === undefined) entry.resolve();
      else entry.reject(new Error(`card ledger write failed: ${m.error}`));
    });
    w.on('error', (err) => {
      if (worker === w) worker = undefined;
      failAll(err instanceof Error ? err : new Error(String(err)));
    });
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      if (waiting.size > 0) failAll(new Error(`the card ledger writer stopped (exit code ${code})`));
    });
    // An idle writer must not keep the process alive; a waiting write holds a reference (see write).
    w.unref();
    return w;
  };

  return {
    write(rows) {
      if (closed) return Promise.reject(new Error('the card ledger writer is closed'));
      if (rows.length === 0) return Promise.resolve();
      worker ??= start();
      const w = worker;
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        if (waiting.size === 0) w.ref();
        const done = () => {
          if (waiting.size === 0) w.unref();
        };
        waiting.set(id, {
          resolve: () => {
            resolve();
            done();
          },
          reject: (e) => {
            reject(e);
            done();
          },
        });
        w.postMessage({ type: 'write', id, rows });
      });
    },
    async close() {
      closed = true;
      const w = worker;
      worker = undefined;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.postMessage({ type: 'close' });
      await exited;
    },
  };
}
