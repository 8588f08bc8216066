import { z } from 'zod';
import { list, ruleIdList } from './env-schemas.js';
import type { LearningConfig, OverrideCode } from './types.js';

/** The learning loop's part of the environment: the store, the card ledger, snooze, shadow rules, analytics. */

/** The override reasons the cards offer (`src/hooks/cards.ts`), the default system of `SNOOZE_REASONS`. */
export const CARD_OVERRIDE_SYSTEM = 'urn:rectal-cds:override-reason';

/** `code` (a card override reason) or `system|code` (any coded reason, e.g. the CDS Hooks 3.0 ballot's). */
function overrideCode(entry: string): OverrideCode {
  const bar = entry.lastIndexOf('|');
  return bar < 0 ? { system: CARD_OVERRIDE_SYSTEM, code: entry } : { system: entry.slice(0, bar), code: entry.slice(bar + 1) };
}

const postgresUrl = z
  .string()
  .refine((s) => /^postgres(ql)?:\/\//.test(s), 'a PostgreSQL URL such as postgres://user:password@host:5432/rectal_cds');

export const learningEnvShape = {
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  LEDGER: z.enum(['on', 'off']).default('on'),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
  PSEUDONYM_KEY: z.string().min(32, 'at least 32 characters').optional(),
  ANALYTICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  SNOOZE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  SNOOZE_REASONS: z
    .string()
    .transform((s) => list(s).map(overrideCode))
    .refine((codes) => codes.every((c) => c.code.length > 0 && c.system.length > 0), 'a comma-separated list of code or system|code')
    .default([{ system: CARD_OVERRIDE_SYSTEM, code: 'already-addressed' }]),
  SHADOW_RULES: ruleIdList.default([]),
};

type LearningEnv = z.infer<z.ZodObject<typeof learningEnvShape>>;

export function learningSettings(e: LearningEnv): LearningConfig {
  return {
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    ledger: e.LEDGER === 'on',
    retentionDays: e.RETENTION_DAYS,
    pseudonymKey: e.PSEUDONYM_KEY,
    analyticsToken: e.ANALYTICS_TOKEN,
    snoozeDays: e.SNOOZE_DAYS,
    snoozeReasons: e.SNOOZE_REASONS,
    shadowRules: e.SHADOW_RULES,
  };
}
