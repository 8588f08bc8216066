/**
 * The tables of the learning store, as the queries see them (Kysely's typed schema). Times are epoch
 * milliseconds (bigint), flags are 0/1 integers: the same representation in SQLite and PostgreSQL, so one
 * query text serves both. The DDL is in `migrations.ts`.
 */

/** One card answered (or, `shadow` = 1, one a shadow rule would have shown). No card text, no FHIR data. */
export interface CardsTable {
  card_uuid: string;
  hook_instance: string;
  service: string;
  hook: string;
  /** Hash of the rule catalogue the card was built from (`src/learning/rule-set-version.ts`). */
  rule_set_version: string;
  /** The calling client: the JWT `iss`, or `open` without client authentication. */
  client: string;
  /** Keyed pseudonyms (HMAC): analytics link a patient's cards without knowing who it is. */
  patient_key: string;
  user_key: string | null;
  issued_at: number;
  shadow: number;
  /**
   * The rules the card carries, lead first, as JSON `[{"ruleId","indicator","factsDigest"}]` (the digest says
   * which data fired the rule). Written and read with the card, never alone: one row per card keeps the
   * ledger's write to one insert per card.
   */
  rules: string;
  /** The suggestions offered, as JSON `[{"uuid","label"}]`. */
  suggestions: string;
}

/** One CDS Hooks feedback item; `feedback_key` (a digest of the item) makes a repeat a no-op. */
export interface FeedbackTable {
  feedback_key: string;
  service: string;
  client: string;
  card_uuid: string;
  /** The card's patient pseudonym, copied when the card is in the ledger (null: feedback for an unknown card). */
  patient_key: string | null;
  outcome: string;
  /** Accepted suggestion ids, space-separated (ids are validated to contain no space). */
  accepted_suggestions: string;
  reason_system: string | null;
  reason_code: string | null;
  /** Whether the clinician wrote a comment; the free text itself is not stored (it may name the patient). */
  commented: number;
  outcome_at: number;
  received_at: number;
}

/** JWT ids seen, until the token expires: a token replayed on any replica is refused. */
export interface JtiClaimsTable {
  iss: string;
  jti: string;
  expires_at: number;
}

export interface StoreSchema {
  cards: CardsTable;
  feedback: FeedbackTable;
  jti_claims: JtiClaimsTable;
}
