import type { Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';

/**
 * The schema's versioned migrations, applied in name order at start-up by Kysely's migrator (which records
 * them in `kysely_migration` and takes a lock, so replicas starting together apply each one once).
 * Append new migrations; never edit one that has shipped.
 */
const migrations: Record<string, Migration> = {
  '0001_ledger_feedback_jti': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('cards')
        .addColumn('card_uuid', 'text', (c) => c.primaryKey())
        .addColumn('hook_instance', 'text', (c) => c.notNull())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('hook', 'text', (c) => c.notNull())
        .addColumn('rule_set_version', 'text', (c) => c.notNull())
        .addColumn('client', 'text', (c) => c.notNull())
        .addColumn('patient_key', 'text', (c) => c.notNull())
        .addColumn('user_key', 'text')
        .addColumn('issued_at', 'bigint', (c) => c.notNull())
        .addColumn('shadow', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rules', 'text', (c) => c.notNull())
        .addColumn('suggestions', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cards_issued_at').on('cards').column('issued_at').execute();
      await db.schema.createIndex('cards_patient').on('cards').columns(['patient_key', 'issued_at']).execute();

      await db.schema
        .createTable('feedback')
        .addColumn('feedback_key', 'text', (c) => c.primaryKey())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('client', 'text', (c) => c.notNull())
        .addColumn('card_uuid', 'text', (c) => c.notNull())
        .addColumn('patient_key', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('accepted_suggestions', 'text', (c) => c.notNull())
        .addColumn('reason_system', 'text')
        .addColumn('reason_code', 'text')
        .addColumn('commented', 'integer', (c) => c.notNull())
        .addColumn('outcome_at', 'bigint', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('feedback_card').on('feedback').column('card_uuid').execute();
      await db.schema.createIndex('feedback_received_at').on('feedback').column('received_at').execute();
      // The snooze lookup of every hook call starts here: a patient's overrides, newest first.
      await db.schema.createIndex('feedback_patient').on('feedback').columns(['patient_key', 'received_at']).execute();

      await db.schema
        .createTable('jti_claims')
        .addColumn('iss', 'text', (c) => c.notNull())
        .addColumn('jti', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('jti_claims_pk', ['iss', 'jti'])
        .execute();
      await db.schema.createIndex('jti_claims_expires_at').on('jti_claims').column('expires_at').execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** The newest schema version this code knows. */
export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1)!;
