/**
 * The learning store as the rest of the service sees it: a small typed port. The edge (`src/hooks/routes.ts`,
 * `src/learning`) writes the card ledger and feedback through it, the snooze step and analytics read through
 * it, the replay guard claims JWT ids in it. Mapping and engine never see it. One implementation
 * (`kysely-store.ts`) serves the embedded database and PostgreSQL.
 */

export type StoreEngine = 'sqlite' | 'postgres';
export type RuleIndicator = 'info' | 'warning' | 'critical';
export type FeedbackOutcome = 'accepted' | 'overridden';

export interface LedgerRule {
  ruleId: string;
  indicator: RuleIndicator;
  factsDigest: string;
}

/** One card answered (or one a shadow rule would have shown), as the ledger keeps it. */
export interface LedgerEntry {
  cardUuid: string;
  hookInstance: string;
  service: string;
  hook: string;
  ruleSetVersion: string;
  client: string;
  patientKey: string;
  userKey: string | null;
  issuedAtMs: number;
  shadow: boolean;
  /** Lead first. */
  rules: LedgerRule[];
  suggestions: { uuid: string; label: string }[];
}

/** One validated feedback item, as stored; `feedbackKey` identifies a repeat of the same item. */
export interface FeedbackEntry {
  feedbackKey: string;
  service: string;
  client: string;
  cardUuid: string;
  outcome: FeedbackOutcome;
  acceptedSuggestions: string[];
  reason: { system: string; code: string } | null;
  commented: boolean;
  outcomeAtMs: number;
  receivedAtMs: number;
}

export interface FeedbackReceipt {
  /** Items written now. */
  stored: number;
  /** Items already stored before (a repeat): nothing written. */
  duplicates: number;
  /** Items whose card is in the ledger / is not (unmatched items are stored all the same). */
  matched: number;
  unmatched: number;
}

export interface SnoozeQuery {
  patientKey: string;
  /** Overrides received at or after this time count. */
  sinceMs: number;
  reasons: { system: string; code: string }[];
}

/** A rule overridden with a snooze reason for the patient, with the facts it had fired on then. */
export interface SnoozedRule {
  ruleId: string;
  factsDigest: string;
}

export interface AnalyticsQuery {
  fromMs: number;
  toMs: number;
  service?: string;
  hook?: string;
  client?: string;
}

/** One rule on one card in the analytics window. */
export interface RuleShowing {
  cardUuid: string;
  ruleId: string;
  position: number;
  indicator: RuleIndicator;
  ruleSetVersion: string;
  service: string;
  hook: string;
  client: string;
  patientKey: string;
  issuedAtMs: number;
  shadow: boolean;
}

export interface FeedbackRow {
  cardUuid: string;
  outcome: FeedbackOutcome;
  reason: { system: string; code: string } | null;
  outcomeAtMs: number;
  receivedAtMs: number;
}

export interface AnalyticsData {
  showings: RuleShowing[];
  /** Feedback on the cards of `showings`. */
  feedback: FeedbackRow[];
  /** Feedback received in the window for cards the ledger does not know. */
  unmatchedFeedback: number;
}

export interface PurgeCounts {
  cards: number;
  feedback: number;
  jtis: number;
}

export interface LearningStore {
  readonly engine: StoreEngine;
  /** Durable when the promise resolves (group commit: concurrent calls share one transaction). */
  recordCards(entries: readonly LedgerEntry[]): Promise<void>;
  /** Durable when the promise resolves; a repeated item is counted as a duplicate and not written again. */
  recordFeedback(items: readonly FeedbackEntry[]): Promise<FeedbackReceipt>;
  snoozedRules(query: SnoozeQuery): Promise<SnoozedRule[]>;
  /** Atomically remember a JWT id until it expires: `replayed` when it is already held and not expired. */
  claimJti(iss: string, jti: string, expiresAtMs: number, nowMs: number): Promise<'fresh' | 'replayed'>;
  analytics(query: AnalyticsQuery): Promise<AnalyticsData>;
  /** Which of these cards the ledger holds. */
  knownCards(cardUuids: readonly string[]): Promise<Set<string>>;
  /** Remove cards and feedback older than `beforeMs`, and JWT ids expired at `nowMs`. */
  purge(beforeMs: number, nowMs: number): Promise<PurgeCounts>;
  close(): Promise<void>;
}
