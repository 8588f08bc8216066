import type { Config } from '../config/types.js';

/** What production refuses to start with, for the learning loop. */
export function learningRefusals(config: Config): string[] {
  if (config.mode !== 'production' || !config.ledger) return [];
  return config.pseudonymKey
    ? []
    : ['PSEUDONYM_KEY is not set: production needs one key (at least 32 characters), the same on every replica, to pseudonymise patient and user ids in the card ledger (LEDGER=off stores nothing)'];
}

export function learningWarnings(config: Config): string[] {
  const out: string[] = [];
  if (!config.ledger) out.push('LEDGER=off: no card ledger, feedback is validated but not stored, no snooze, JWT replay protection in this process only');
  if (config.mode === 'production' && !config.analyticsToken) out.push('ANALYTICS_TOKEN is not set: /analytics is off');
  if (config.mode === 'demo' && !config.analyticsToken) out.push('ANALYTICS_TOKEN is not set: /analytics is open (demo mode only)');
  if (config.ledger && !config.databaseUrl) out.push(`embedded store in ${config.dataDir}: for several replicas set DATABASE_URL (PostgreSQL)`);
  return out;
}
