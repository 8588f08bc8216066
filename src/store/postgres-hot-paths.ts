import type pg from 'pg';
import type { CardRow, HotPaths, SnoozeRow } from './kysely-store.js';
import type { LedgerEntry } from './learning-store.js';

/** The PostgreSQL type of each `cards` column (see the 0001 migration): what an array of its values is cast to. */
const CARD_COLUMN_TYPES: Readonly<Record<string, string>> = {
  card_uuid: 'text',
  hook_instance: 'text',
  service: 'text',
  hook: 'text',
  rule_set_version: 'text',
  client: 'text',
  patient_key: 'text',
  user_key: 'text',
  issued_at: 'bigint',
  shadow: 'integer',
  rules: 'text',
  suggestions: 'text',
};

/**
 * One statement for any number of cards: one array per column, so its text (and its plan) never changes. The
 * columns and their order are the card INSERT's own (`cardInsertStatement`); a column without a type here fails
 * at start-up, never by a value silently left out.
 */
function insertCardsSql(columns: readonly string[]): string {
  const types = columns.map((c) => {
    const t = CARD_COLUMN_TYPES[c];
    if (!t) throw new Error(`cards.${c}: no PostgreSQL type for the array INSERT`);
    return t;
  });
  return `insert into cards (${columns.join(', ')})
select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
on conflict (card_uuid) do nothing`;
}

const SNOOZE_ROWS = `select f.patient_key, f.received_at, c.rules
from feedback f join cards c on c.card_uuid = f.card_uuid
where f.patient_key = any($1::text[]) and c.shadow = 0 and f.outcome = 'overridden' and f.received_at >= $2
and (f.reason_system, f.reason_code) in (select * from unnest($3::text[], $4::text[]))`;

/**
 * PostgreSQL's hot paths: named prepared statements (parsed and planned once per connection, not per call)
 * whose text does not depend on how many cards or patients a batch holds, and no query building per call.
 */
export function postgresHotPaths(pool: pg.Pool, cards: { columns: readonly string[]; row: (e: LedgerEntry) => CardRow }): HotPaths {
  const insertCards = insertCardsSql(cards.columns);
  return {
    async writeCards(entries) {
      const rows = entries.map(cards.row);
      const columns = cards.columns.map((_, i) => rows.map((r) => r[i]));
      await pool.query({ name: 'rectal-cds-insert-cards', text: insertCards, values: columns });
    },
    async snoozeRows(patientKeys, sinceMs, reasons) {
      const result = await pool.query<SnoozeRow>({
        name: 'rectal-cds-snooze-rows',
        text: SNOOZE_ROWS,
        values: [patientKeys, sinceMs, reasons.map((r) => r.system), reasons.map((r) => r.code)],
      });
      return result.rows;
    },
  };
}
