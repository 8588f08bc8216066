import type { Config } from '../config/types.js';
import type { AnyRule } from '../engine/rule.js';
import type { Indicator, Recommendation } from '../engine/types.js';
import type { CdsResponse } from './cds-types.js';
import type { FhirReaderFactory } from '../fhir-client/reader.js';
import type { KeyOrigin } from './gather-data.js';

/** What a hook handler needs from the outside world; injected so handlers know no transport and no clock. */
export interface HookDeps {
  config: Config;
  rules: readonly AnyRule[];
  readerFor: FhirReaderFactory;
  now: () => Date;
  newId: () => string;
  /** A step between evaluation and card building (snooze from feedback); absent: every recommendation is shown. */
  beforeCards?: BeforeCardsStep;
}

/** Who calls: the client (JWT `iss`, or `open` without client authentication). */
export interface HookCaller {
  client: string;
}

/**
 * A step between evaluation and card building (snooze from feedback). It is started as soon as the call is
 * parsed, so its store lookup runs while the chart is read and the rules run, and resolves to a filter of the
 * evaluated recommendations (which may drop some, never add any).
 */
export type BeforeCardsStep = (call: { patientId: string; client: string; now: Date }) => Promise<(recs: Recommendation[]) => Recommendation[]>;

/** Facts about one call for logs and metrics: no PHI, no tokens. */
export interface HookTelemetry {
  origins: Record<string, KeyOrigin>;
  fhirCalls: number;
  ruleIds: string[];
}

/** One rule a card carries, as the card ledger records it. */
export interface IssuedRule {
  ruleId: string;
  indicator: Indicator;
  /** A digest of the data the rule fired on (its Based on): equal digests mean the same facts fired it. */
  factsDigest: string;
}

/** What the card ledger records of one card answered: ids, rules and suggestions; no card text, no FHIR data. */
export interface IssuedCard {
  uuid: string;
  /** The rules the card carries, lead first (as `extension["org.rectal-cds.rules"]`). */
  rules: IssuedRule[];
  suggestions: { uuid: string; label: string }[];
}

/** Who and what a call was about; the edge pseudonymises the ids before anything is stored. */
export interface HookCall {
  hookInstance: string;
  patientId: string;
  userId?: string;
}

export interface HookResult {
  response: CdsResponse;
  telemetry: HookTelemetry;
  /** Absent when the call was answered without reading the chart (no order a rule could judge). */
  call?: HookCall;
  issued: IssuedCard[];
  /** The cards the shadow rules (`SHADOW_RULES`) would have shown: recorded in the ledger, never answered. */
  shadow?: IssuedCard[];
}
