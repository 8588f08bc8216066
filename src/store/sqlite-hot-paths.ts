import type Database from 'better-sqlite3';
import type { HotPaths, SnoozeRow } from './kysely-store.js';

const marks = (n: number, mark: string) => Array.from({ length: n }, () => mark).join(', ');

/** The snooze lookup for `patients` patients and `reasons` snooze reasons (row values: each reason matched whole). */
const snoozeSql = (patients: number, reasons: number) => `select f.patient_key, f.received_at, c.rules
from feedback f join cards c on c.card_uuid = f.card_uuid
where f.patient_key in (${marks(patients, '?')}) and c.shadow = 0 and f.outcome = 'overridden' and f.received_at >= ?
and (f.reason_system, f.reason_code) in (values ${marks(reasons, '(?, ?)')})`;

/**
 * The embedded database's snooze lookup: a statement prepared once per shape (patients, reasons) and run at
 * once on the main connection. better-sqlite3 is synchronous and a read in WAL does not wait for the writer,
 * so there is nothing to batch; preparing the statement anew for every call cost more than running it.
 */
export function sqliteSnoozeRows(database: Database.Database): NonNullable<HotPaths['snoozeRows']> {
  const prepared = new Map<string, Database.Statement>();
  return async (patientKeys, sinceMs, reasons) => {
    const shape = `${patientKeys.length}/${reasons.length}`;
    let statement = prepared.get(shape);
    if (!statement) {
      statement = database.prepare(snoozeSql(patientKeys.length, reasons.length));
      prepared.set(shape, statement);
    }
    return statement.all(...patientKeys, sinceMs, ...reasons.flatMap((r) => [r.system, r.code])) as SnoozeRow[];
  };
}
