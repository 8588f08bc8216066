import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/types.js';

/**
 * Keyed pseudonyms of patient and user ids (HMAC-SHA-256): the same id from the same client always gives
 * the same pseudonym, so analytics and snooze can link a patient's cards, but without the key nobody can
 * tell whose they are or test a guessed id. The client (JWT `iss`) is part of the input: the same FHIR id
 * at two EHRs is two patients.
 */
export interface Pseudonyms {
  patient(client: string, patientId: string): string;
  user(client: string, userId: string): string;
}

/** Pseudonyms remembered: a call names its patient twice (snooze lookup, ledger), and the next hooks of a chart again. */
const MEMO_SIZE = 4096;

export function pseudonyms(key: string): Pseudonyms {
  const secret = createSecretKey(Buffer.from(key, 'utf8'));
  const memo = new Map<string, string>();
  const of = (kind: string, client: string, id: string) => {
    const input = `${kind}\u0000${client}\u0000${id}`;
    let name = memo.get(input);
    if (name === undefined) {
      name = createHmac('sha256', secret).update(input).digest('base64url').slice(0, 32);
      // Bounded: when full, start again (simpler than LRU and as good for a chart's few calls in a row).
      if (memo.size >= MEMO_SIZE) memo.clear();
      memo.set(input, name);
    }
    return name;
  };
  return { patient: (client, id) => of('patient', client, id), user: (client, id) => of('user', client, id) };
}

/** The demo key's file in the data directory: generated once, kept across restarts. */
export const DEMO_KEY_FILE = 'pseudonym.key';

/**
 * The pseudonym key of this configuration: `PSEUDONYM_KEY`, or in demo mode a random key generated once and
 * kept in the data directory (mode 0600). Production refuses to start without `PSEUDONYM_KEY`
 * (`learningRefusals`): every replica must hash with the same key, and a lost file would unlink history.
 */
export function pseudonymKey(config: Pick<Config, 'pseudonymKey' | 'dataDir' | 'mode'>): string {
  if (config.pseudonymKey) return config.pseudonymKey;
  if (config.mode === 'production') throw new Error('PSEUDONYM_KEY is required in production');
  const file = join(config.dataDir, DEMO_KEY_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
