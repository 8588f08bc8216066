import { randomUUID } from 'node:crypto';
import type { FeedbackEntry, LedgerEntry } from '../../src/store/learning-store.js';

/** Rows of the learning store as the edge hands them over, for store tests: override what a test is about. */

export const STORE_T0 = Date.parse('2026-03-02T09:00:00Z');
export const ALREADY_ADDRESSED = { system: 'urn:rectal-cds:override-reason', code: 'already-addressed' };

export function card(over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    cardUuid: randomUUID(),
    hookInstance: randomUUID(),
    service: 'rectal-cancer-stage-iv',
    hook: 'patient-view',
    ruleSetVersion: 'v1',
    client: 'open',
    patientKey: 'p-1',
    userKey: 'u-1',
    issuedAtMs: STORE_T0,
    shadow: false,
    rules: [{ ruleId: 'RC-24', indicator: 'info', factsDigest: 'd1' }],
    suggestions: [{ uuid: randomUUID(), label: 'Order KRAS' }],
    ...over,
  };
}

export function feedback(cardUuid: string, over: Partial<FeedbackEntry> = {}): FeedbackEntry {
  return {
    feedbackKey: randomUUID(),
    service: 'rectal-cancer-stage-iv',
    client: 'open',
    cardUuid,
    outcome: 'overridden',
    acceptedSuggestions: [],
    reason: ALREADY_ADDRESSED,
    commented: false,
    outcomeAtMs: STORE_T0 + 60_000,
    receivedAtMs: STORE_T0 + 61_000,
    ...over,
  };
}

// `sqlite-typed`: the same contract through the typed queries alone, which the engines' hot paths replace.
